"""A VAS that is down is not hammered, a throttling VAS is waited for, and both recover."""

import asyncio
import time
import uuid

from services.vas_sync.adapters.guarded import VAS_CALLS
from services.vas_sync.settings import VasSyncSettings
from tests.support.broker import OwnerPublisher
from tests.support.people import personnummer
from tests.support.vas_sync.events import publish, requested
from tests.support.vas_sync.harness import Observer, Sim, running_sync
from tests.support.waiting import wait_for


async def test_while_vas_is_down_the_circuit_opens_probes_sparingly_and_closes_when_it_is_back(
    settings: VasSyncSettings, sim: Sim, observer: Observer
) -> None:
    slots = await sim.new_slots(20)
    ids = [uuid.uuid4() for _ in slots]
    publisher = OwnerPublisher(settings.amqp_url, namespace=settings.namespace)
    try:
        async with running_sync(settings) as (_, ops):
            await sim.faults(mode="down")
            await publish(
                publisher, *(requested(i, s, sim.clinic, personnummer()) for i, s in zip(ids, slots, strict=True))
            )

            async def circuit(state: str) -> bool:
                return bool((await ops.get("/ops/status")).json()["circuit"]["state"] == state)

            await wait_for(lambda: circuit("open"), timeout=20, interval=0.05)
            calls_before = _calls()
            await asyncio.sleep(3.0)  # observing how often VAS is called while the circuit is open
            calls_while_open = _calls() - calls_before
            status = (await ops.get("/ops/status")).json()
            await sim.faults()
            try:
                await wait_for(lambda: _confirmed_all(observer, ids), timeout=30)
            except AssertionError:
                print((await ops.get("/ops/status")).json(), len(observer.of("appointment.confirmed")))
                raise
            assert await circuit("closed")
    finally:
        await publisher.close()
    # 3 s open with a probe every 0.5 s: a handful of calls, not 20 messages x retries.
    print(f"\nVAS calls in 3 s with the circuit open: {calls_while_open:.0f}")
    assert calls_while_open <= 8
    assert status["pending"]["queue"] >= 1 and status["pending"]["parking"] == 0
    assert status["circuit"]["last_error"]
    for appointment in ids:
        assert len(await sim.booked(str(appointment))) == 1


async def test_retry_after_from_a_throttling_vas_is_honoured(
    settings: VasSyncSettings, sim: Sim, observer: Observer
) -> None:
    [slot] = await sim.new_slots()
    appointment = uuid.uuid4()
    publisher = OwnerPublisher(settings.amqp_url, namespace=settings.namespace)
    try:
        async with running_sync(settings) as (_, ops):
            await sim.faults(mode="throttle", retry_after_s=3)
            throttled_at = time.monotonic()
            await publish(publisher, requested(appointment, slot, sim.clinic, personnummer()))

            async def open_for_retry_after() -> bool:
                circuit = (await ops.get("/ops/status")).json()["circuit"]
                return bool(circuit["state"] == "open" and circuit["probe_in_s"] > 1.0)

            await wait_for(open_for_retry_after, timeout=20, interval=0.05)
            await sim.faults()
            await wait_for(lambda: _confirmed_all(observer, [appointment]), timeout=30)
            waited = time.monotonic() - throttled_at
    finally:
        await publisher.close()
    assert waited >= 3.0  # not before VAS said it would take requests again
    assert len(await sim.booked(str(appointment))) == 1


def _calls() -> float:
    return sum(
        float(VAS_CALLS.labels(op, outcome)._value.get())
        for op in ("make", "find", "update", "cancel")
        for outcome in ("ok", "refused", "VasUnavailable", "VasOutcomeUnknown")
    )


async def _confirmed_all(observer: Observer, ids: list[uuid.UUID]) -> bool:
    confirmed = {c["appointment_id"] for c in observer.of("appointment.confirmed")}
    return all(str(i) in confirmed for i in ids)
