"""Appointment events reach VAS exactly once, in the right final state, whatever the order."""

import asyncio
import functools
import random
import uuid
from collections import Counter
from collections.abc import Awaitable
from typing import TypeVar

import pytest

from services.vas_sync.settings import VasSyncSettings
from shared.messaging.envelope import Envelope
from shared.messaging.publisher import Publisher
from tests.support.people import personnummer
from tests.support.vas_sync.events import cancelled, publish, requested, rescheduled
from tests.support.vas_sync.harness import Observer, Sim, count_rows, running_sync
from tests.support.waiting import wait_for

T = TypeVar("T")


BOTH = pytest.mark.parametrize("protocol", ["simulator-api", "crm-scheduling"])


@BOTH
async def test_a_booking_is_made_in_vas_once_and_confirmed(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    [slot] = await sim.new_slots()
    appointment = uuid.uuid4()
    pnr = personnummer()
    async with running_sync(settings):
        [envelope] = await publish(publisher, requested(appointment, slot, sim.clinic, pnr))
        await publisher.publish(envelope)  # the same message again (e.g. an outbox relay retry)
        confirmed = await wait_for(lambda: _async(observer.of("appointment.confirmed")), timeout=20)
    [made] = await sim.booked_for(pnr)
    assert made["timeslot_id"] == sim.vas_id(slot) and made["subject"] == pnr and made["channel"] == "web"
    assert confirmed == [{"appointment_id": str(appointment), "version": 1, "vas_appointment_id": made["id"]}]


async def test_a_cancel_that_overtakes_its_create_leaves_nothing_booked(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    [slot] = await sim.new_slots()
    appointment = uuid.uuid4()
    pnr = personnummer()
    async with running_sync(settings):
        # The cancel is handled first (published and awaited on its own: with several messages in
        # flight at once, two published together may be handled in either order).
        for event in (
            cancelled(appointment, slot, sim.clinic, pnr, version=2),
            requested(appointment, slot, sim.clinic, pnr, version=1),
        ):
            [envelope] = await publish(publisher, event)
            await wait_for(functools.partial(_handled, settings, envelope), timeout=20)
    assert await sim.booked(str(appointment)) == []
    assert _confirmed(observer, appointment) == []


@BOTH
async def test_a_reschedule_moves_the_vas_appointment_and_an_old_event_changes_nothing(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    [first, second] = await sim.new_slots(2)
    appointment = uuid.uuid4()
    pnr = personnummer()
    async with running_sync(settings):
        await publish(publisher, requested(appointment, first, sim.clinic, pnr))
        await wait_for(lambda: _async(_confirmed(observer, appointment)), timeout=20)
        await publish(
            publisher,
            rescheduled(appointment, first, second, sim.clinic, pnr, version=2),
            requested(appointment, first, sim.clinic, pnr, version=1),  # old, redelivered late
        )
        await wait_for(lambda: _async(len(_confirmed(observer, appointment)) == 2), timeout=20)
    [moved] = await sim.booked_for(pnr)
    assert moved["timeslot_id"] == sim.vas_id(second)
    assert [c["version"] for c in _confirmed(observer, appointment)] == [1, 2]


@BOTH
async def test_a_time_taken_by_phone_first_is_rejected_with_the_contract_code(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    [slot] = await sim.new_slots()
    phone = await sim.http.post(
        "/api/appointments", json={"timeslot_id": sim.vas_id(slot), "subject": personnummer(), "channel": "phone"}
    )
    assert phone.status_code == 201
    appointment = uuid.uuid4()
    pnr = personnummer()
    async with running_sync(settings):
        await publish(publisher, requested(appointment, slot, sim.clinic, pnr))
        rejected = await wait_for(lambda: _async(observer.of("appointment.rejected")), timeout=20)
    assert rejected[0]["appointment_id"] == str(appointment)
    assert rejected[0]["code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"
    assert await sim.booked_for(pnr) == []


async def test_a_cancellation_reaches_vas_and_frees_the_time(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    [slot] = await sim.new_slots()
    appointment = uuid.uuid4()
    pnr = personnummer()
    async with running_sync(settings):
        await publish(publisher, requested(appointment, slot, sim.clinic, pnr))
        await wait_for(lambda: _async(_confirmed(observer, appointment)), timeout=20)
        await publish(publisher, cancelled(appointment, slot, sim.clinic, pnr, version=2))

        async def cancelled_in_vas() -> bool:
            found = await sim.by_reference(str(appointment))
            return [a["status"] for a in found] == ["cancelled"]

        await wait_for(cancelled_in_vas, timeout=20)
    free = (await sim.http.get("/api/timeslots", params={"clinic": sim.clinic})).json()["items"]
    assert [s["id"] for s in free] == [slot]


def _confirmed(observer: Observer, appointment: uuid.UUID) -> list[dict[str, object]]:
    return [c for c in observer.of("appointment.confirmed") if c["appointment_id"] == str(appointment)]


async def _handled(settings: VasSyncSettings, envelope: Envelope) -> bool:
    query = f"SELECT count(*) FROM inbox WHERE message_id = '{envelope.id}'"
    return await count_rows(settings.database_url, query) == 1


async def _is(value: Awaitable[int], expected: int) -> bool:
    return await value == expected


async def _async(value: T) -> T:
    return value


async def test_a_storm_of_duplicates_same_id_and_new_id_gives_one_appointment_each(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    """Each booking's request published 4 times under its id (redeliveries, relay retries) and 3
    times under new ids (the same business key: appointment and version), all at once."""
    n = 60
    slots = await sim.new_slots(n)
    appointments = [uuid.uuid4() for _ in range(n)]
    storm: list[Envelope] = []
    for appointment, slot in zip(appointments, slots, strict=True):
        event = requested(appointment, slot, sim.clinic, personnummer())
        same = Envelope.wrap(event)
        storm += [same] * 4 + [Envelope.wrap(event) for _ in range(3)]
    random.shuffle(storm)
    async with running_sync(settings):
        await asyncio.gather(*(publisher.publish(envelope) for envelope in storm))

        async def all_confirmed() -> bool:
            return {c["appointment_id"] for c in observer.of("appointment.confirmed")} >= {str(a) for a in appointments}

        await wait_for(all_confirmed, timeout=60, interval=0.2)
        inbox = functools.partial(count_rows, settings.database_url, "SELECT count(*) FROM inbox")
        await wait_for(lambda: _is(inbox(), n * 4), timeout=30, interval=0.2)  # 4 distinct ids each
    confirmations = Counter(c["appointment_id"] for c in observer.of("appointment.confirmed"))
    in_vas = [len(await sim.booked(str(a))) for a in appointments]
    print(f"\nduplicate storm: {len(storm)} messages for {n} bookings; booked in VAS per booking {Counter(in_vas)}")
    assert in_vas == [1] * n
    assert set(confirmations.values()) == {1}  # the copies under new ids were recognised as stale
