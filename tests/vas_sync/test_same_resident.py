"""One resident, several bookings at one clinic: a change to one of them never touches another.

Over crm:scheduling VAS keeps no reference of ours, so a booking is looked for in its resident's
schedule on its times; a booking of the same resident on a time this one has left (rebooked
there, or made by phone) is theirs too, but it is another booking. And a phone booking whose
move VAS refused is still the booking's when the resident then cancels or moves it again."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters.sync_rows import DriverSyncRows
from services.vas_sync.domain.vas_port import VasSchedule
from services.vas_sync.domain.wanted import wanted_from
from services.vas_sync.main import vas_from
from services.vas_sync.reconcile.run import Reconciler
from services.vas_sync.settings import VasSyncSettings
from services.vas_sync.usecases.made_in_vas import record_made_in_vas
from services.vas_sync.usecases.sync import sync
from shared import direct
from shared.contracts.appointments import (
    AppointmentCancelled,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.db import make_engine
from shared.messaging.envelope import Contract
from tests.support.people import personnummer
from tests.support.vas_sync.events import booked_in_vas, cancelled, requested, rescheduled
from tests.support.vas_sync.harness import Sim

CRM = pytest.mark.parametrize("protocol", ["crm-scheduling"])
STOCKHOLM = ZoneInfo("Europe/Stockholm")

Event = AppointmentRequested | AppointmentRescheduled | AppointmentCancelled


async def _ignore(_: Contract) -> None:
    return None


async def _apply(engine: AsyncEngine, vas: VasSchedule, event: Event, *, repeat: bool = False) -> None:
    """As VAS sync's consumer handles one delivery (its transaction on the driver connection)."""
    async with direct.transaction(engine) as db:
        await sync(db, vas, wanted_from(event), may_be_repeat=repeat, emit=_ignore, rows=DriverSyncRows(engine))


class _Crash(Exception):
    pass


class _CrashAfterMove:
    """VAS moves the appointment, then the process dies before its commit."""

    def __init__(self, inner: VasSchedule) -> None:
        self._inner = inner
        self.keeps_reference = inner.keeps_reference

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def move(self, appointment_id: str, wanted: Any) -> Any:
        await self._inner.move(appointment_id, wanted)
        raise _Crash


@CRM
async def test_a_move_tried_again_leaves_the_residents_new_booking_on_the_time_it_left(
    settings: VasSyncSettings, sim: Sim
) -> None:
    [first, second] = await sim.new_slots(2)
    pnr = personnummer()
    earlier, later = uuid.uuid4(), uuid.uuid4()
    engine, vas = make_engine(settings.database_url, pool_size=2), vas_from(settings)
    try:
        await _apply(engine, vas, requested(earlier, first, sim.clinic, pnr))
        move = rescheduled(earlier, first, second, sim.clinic, pnr, version=2)
        with pytest.raises(_Crash):
            await _apply(engine, cast(VasSchedule, _CrashAfterMove(vas)), move)
        # The time it left is free again in VAS: the same resident books it (another booking).
        await _apply(engine, vas, requested(later, first, sim.clinic, pnr))
        assert len(await sim.booked_for(pnr)) == 2
        await _apply(engine, vas, move, repeat=True)  # the move's message again
        booked = {a["timeslot_id"] for a in await sim.booked_for(pnr)}
        assert booked == {sim.vas_id(first), sim.vas_id(second)}, "the new booking was taken for a duplicate"
    finally:
        await vas.close()
        await engine.dispose()


@CRM
async def test_reconciliation_leaves_the_residents_new_booking_on_the_time_of_a_cancelled_one(
    settings: VasSyncSettings, sim: Sim
) -> None:
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=7)
    [slot] = await sim.new_slots(1, start=day)
    pnr = personnummer()
    cancelled_one, new_one = uuid.uuid4(), uuid.uuid4()
    engine, vas = make_engine(settings.database_url, pool_size=2), vas_from(settings)
    try:
        await _apply(engine, vas, requested(cancelled_one, slot, sim.clinic, pnr, start=day))
        await _apply(engine, vas, cancelled(cancelled_one, slot, sim.clinic, pnr, version=2, start=day))
        await _apply(engine, vas, requested(new_one, slot, sim.clinic, pnr, start=day))
        reconciler = Reconciler(engine=engine, vas=vas, namespace=settings.namespace)
        report = await reconciler.run(trigger="manual", clinic=sim.clinic, days=[day.astimezone(STOCKHOLM).date()])
        assert report["fixed"] == []
        assert len(await sim.booked_for(pnr)) == 1
    finally:
        await vas.close()
        await engine.dispose()


@pytest.mark.parametrize("then", ["cancel", "move"])
async def test_a_phone_booking_whose_move_was_refused_is_still_the_one_cancelled_or_moved(
    settings: VasSyncSettings, sim: Sim, then: str
) -> None:
    """A repeat of the next change (its answer lost, a redelivery) looks by our reference, which a
    phone booking does not carry: the row, which kept it through the refusal, is the answer."""
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=7)
    [first, taken, third] = await sim.new_slots(3, start=day)
    pnr = personnummer()
    made = await sim.http.post("/api/appointments", json={"timeslot_id": first, "subject": pnr, "channel": "phone"})
    someone_else = {"timeslot_id": taken, "subject": personnummer(), "channel": "phone"}
    (await sim.http.post("/api/appointments", json=someone_else)).raise_for_status()
    appointment = uuid.uuid4()
    recorded = booked_in_vas(appointment, made.json()["id"], first, sim.clinic, pnr, day)
    engine, vas = make_engine(settings.database_url, pool_size=2), vas_from(settings)
    try:
        async with engine.begin() as conn:
            await record_made_in_vas(conn, recorded)
        await _apply(engine, vas, rescheduled(appointment, first, taken, sim.clinic, pnr, version=2))  # refused
        assert [a["timeslot_id"] for a in await sim.booked_for(pnr)] == [first]
        if then == "cancel":
            await _apply(engine, vas, cancelled(appointment, first, sim.clinic, pnr, version=3), repeat=True)
            assert await sim.booked_for(pnr) == []
        else:
            await _apply(engine, vas, rescheduled(appointment, first, third, sim.clinic, pnr, version=3), repeat=True)
            assert [(a["id"], a["timeslot_id"]) for a in await sim.booked_for(pnr)] == [(made.json()["id"], third)]
    finally:
        await vas.close()
        await engine.dispose()


@pytest.mark.parametrize("then", ["cancel", "move"])
async def test_a_change_to_a_phone_booking_that_overtakes_its_record_changes_that_booking(
    settings: VasSyncSettings, sim: Sim, then: str
) -> None:
    """`appointment.booked_in_vas` (version 1) is delayed — a retry tier — and the resident's move
    or cancel (version 2) comes first: VAS holds the phone booking without our reference, so the
    event names it (booking knows its VAS id). Moved blind, a second appointment was made beside
    it; cancelled blind, it stayed."""
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=7)
    [first, second] = await sim.new_slots(2, start=day)
    pnr = personnummer()
    made = await sim.http.post("/api/appointments", json={"timeslot_id": first, "subject": pnr, "channel": "phone"})
    vas_id = made.json()["id"]
    appointment = uuid.uuid4()
    engine, vas = make_engine(settings.database_url, pool_size=2), vas_from(settings)
    try:
        if then == "cancel":
            event: Event = cancelled(appointment, first, sim.clinic, pnr, version=2)
        else:
            event = rescheduled(appointment, first, second, sim.clinic, pnr, version=2)
        await _apply(engine, vas, event.model_copy(update={"vas_appointment_id": vas_id}))
        recorded = booked_in_vas(appointment, vas_id, first, sim.clinic, pnr, day)
        async with engine.begin() as conn:
            await record_made_in_vas(conn, recorded)  # late: stale
        booked = [(a["id"], a["timeslot_id"]) for a in await sim.booked_for(pnr)]
        assert booked == ([] if then == "cancel" else [(vas_id, second)])
    finally:
        await vas.close()
        await engine.dispose()
