"""The broker restarted twice during a stream of bookings: every booking accepted (the API does
not need the broker), none lost, none twice in VAS, every queue has its consumers back, queues
drain, nothing parked."""

import asyncio
import time
import uuid

import pytest

from tests.support.booking.helpers import NURSE_CONDITIONS
from tests.support.broker import queue_counts
from tests.support.infra import Infra, rabbitmqctl
from tests.support.vas_sync.system import System
from tests.support.vas_sync.volume import booked_in_booking, parked, residents, summary, vas_appointments_per_booking
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow

BOOKINGS = 240


def restart_broker() -> float:
    """Stop and start the RabbitMQ application; the seconds it was away."""
    started = time.monotonic()
    for args in (("stop_app",), ("start_app",), ("await_startup",)):
        result = rabbitmqctl(*args)
        assert result.returncode == 0, f"rabbitmqctl {args[0]}: {result.stderr}"
    return time.monotonic() - started


async def test_broker_restarted_twice_during_a_stream_of_bookings(system: System, infra: Infra) -> None:
    slot_ids = await system.vas_slots(BOOKINGS)
    people = await residents(system, BOOKINGS)
    answers: list[tuple[int, str]] = []

    async def stream() -> None:
        for slot, headers in zip(slot_ids, people, strict=True):
            response = await system.api.http.post(
                "/v1/appointments",
                json={"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS},
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
            )
            answers.append((response.status_code, str(response.json().get("id", response.json().get("code")))))
            await asyncio.sleep(0.03)

    streaming = asyncio.create_task(stream())
    away = []
    for after in (BOOKINGS // 4, BOOKINGS // 2):

        async def streamed(after: int = after) -> bool:
            return len(answers) >= after

        await wait_for(streamed, timeout=60, interval=0.05)
        away.append(await asyncio.to_thread(restart_broker))
    await streaming
    accepted = [i for code, i in answers if code == 201]
    assert len(accepted) == BOOKINGS, [a for a in answers if a[0] != 201][:5]

    async def all_booked() -> bool:
        return await booked_in_booking(system, accepted) == BOOKINGS

    await wait_for(all_booked, timeout=180, interval=0.5)
    found = summary(await vas_appointments_per_booking(system, accepted))

    async def ready(client_name: str) -> bool:
        client = system.api.http if client_name == "booking" else system.sync
        assert client is not None
        return (await client.get("/readyz")).status_code == 200

    await wait_for(lambda: ready("booking"), timeout=30, interval=0.2)
    await wait_for(lambda: ready("vas_sync"), timeout=30, interval=0.2)
    ns = system.sync_settings.namespace
    queues = [f"{ns}.vas_sync.appointments", f"{ns}.booking.vas-results", f"{ns}.booking.schedule"]
    counts = {q: await queue_counts(infra.amqp_url, q) for q in queues}
    print(
        f"\nbroker restarted twice (away {[round(s, 1) for s in away]} s) during {BOOKINGS} bookings: "
        f"{found}; queues (messages, consumers) {list(counts.values())}"
    )
    assert found == {"bookings": BOOKINGS, "in_vas_once": BOOKINGS, "missing": 0, "doubled": 0}
    for queue, (_, consumers) in counts.items():
        assert consumers >= 1, f"{queue} has no consumer after the restarts"

    async def drained() -> bool:
        messages = [(await queue_counts(infra.amqp_url, q))[0] for q in queues]
        return messages == [0, 0, 0]

    await wait_for(drained, timeout=60, interval=0.5)
    assert set((await parked(system)).values()) == {0}
