"""VAS sync's use cases against an in-memory VAS and sync rows: exactly one VAS appointment per
booking whatever VAS does (answers lost, redeliveries, an attempt that never committed). The same
guarantees under the real broker, database and simulator: tests/vas_sync/."""

import dataclasses
import uuid
from typing import Any

import pytest

from services.vas_sync.domain.wanted import Wanted
from services.vas_sync.usecases.apply import apply
from services.vas_sync.usecases.sync import sync
from shared.messaging.errors import PermanentError, TransientError
from tests.support.fakes.vas_sync import CLINIC, START, Emitted, FakeSyncRows, FakeVas

SESSION: Any = None  # the fakes need no transaction


def _wanted(version: int = 1, *, slot: str = "slot-1", booked: bool = True, **more: object) -> Wanted:
    values: dict[str, object] = {
        "appointment_id": uuid.UUID(int=1),
        "version": version,
        "booked": booked,
        "slot_id": slot,
        "clinic_hsa_id": CLINIC,
        "start": START,
        "subject": "199001012389",
        "vas_channel": "web",
    }
    return Wanted(**{**values, **more})  # type: ignore[arg-type]


@pytest.fixture
def vas() -> FakeVas:
    return FakeVas()


@pytest.fixture
def rows() -> FakeSyncRows:
    return FakeSyncRows()


@pytest.fixture
def emitted() -> Emitted:
    return Emitted()


async def test_a_booking_is_made_once_and_confirmed(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    wanted = _wanted()
    await apply(SESSION, vas, wanted, look_first=False, emit=emitted, rows=rows)
    (made,) = vas.booked(wanted.reference)
    assert [e.vas_appointment_id for e in emitted.confirmed()] == [made.id]
    assert (rows.rows[wanted.appointment_id].version, rows.rows[wanted.appointment_id].outcome) == (1, "confirmed")


async def test_a_redelivered_event_changes_nothing(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    wanted = _wanted()
    await apply(SESSION, vas, wanted, look_first=False, emit=emitted, rows=rows)
    calls = len(vas.calls)
    await apply(SESSION, vas, wanted, look_first=True, emit=emitted, rows=rows)
    assert len(vas.calls) == calls, "a stale or repeated version must not reach VAS"
    assert len(vas.booked()) == 1 and len(emitted.confirmed()) == 1


async def test_an_answer_lost_after_vas_made_it_is_looked_up_not_made_again(
    vas: FakeVas, rows: FakeSyncRows, emitted: Emitted
) -> None:
    vas.answer_lost = 1
    await sync(SESSION, vas, _wanted(), may_be_repeat=False, emit=emitted, rows=rows)
    assert vas.calls == ["make", "find"]
    assert len(vas.booked()) == 1 and len(emitted.confirmed()) == 1


async def test_an_attempt_that_never_committed_leaves_no_second_appointment(
    vas: FakeVas, rows: FakeSyncRows, emitted: Emitted
) -> None:
    wanted = _wanted()
    vas.add(timeslot_id=wanted.slot_id, reference=wanted.reference)  # made; the process died before its commit
    await apply(SESSION, vas, wanted, look_first=True, emit=emitted, rows=rows)
    assert "make" not in vas.calls
    assert len(vas.booked(wanted.reference)) == 1 and len(emitted.confirmed()) == 1


async def test_a_duplicate_under_our_reference_is_cancelled(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    wanted = _wanted()
    vas.add(timeslot_id=wanted.slot_id, reference=wanted.reference)
    vas.add(timeslot_id="slot-9", reference=wanted.reference)
    await apply(SESSION, vas, wanted, look_first=True, emit=emitted, rows=rows)
    (kept,) = vas.booked(wanted.reference)
    assert kept.timeslot_id == wanted.slot_id


async def test_a_taken_time_rejects_the_booking_with_vas_code(
    vas: FakeVas, rows: FakeSyncRows, emitted: Emitted
) -> None:
    vas.add(timeslot_id="slot-1", reference=None, channel="phone")  # booked by phone a moment ago
    await apply(SESSION, vas, _wanted(), look_first=False, emit=emitted, rows=rows)
    (rejected,) = emitted.rejected()
    assert rejected.code == "REQUESTED_TIME_IS_ALREADY_RESERVED" and rejected.kept_slot_id is None
    assert not emitted.confirmed()


async def test_a_move_then_a_cancel_leave_nothing_booked(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    await apply(SESSION, vas, _wanted(1), look_first=False, emit=emitted, rows=rows)
    await apply(SESSION, vas, _wanted(2, slot="slot-2"), look_first=False, emit=emitted, rows=rows)
    (moved,) = vas.booked()
    assert moved.timeslot_id == "slot-2"
    await apply(SESSION, vas, _wanted(3, slot="slot-2", booked=False), look_first=False, emit=emitted, rows=rows)
    assert vas.booked() == [] and rows.rows[uuid.UUID(int=1)].outcome == "cancelled"


async def test_a_cancel_that_overtakes_its_booking_wins(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    await apply(SESSION, vas, _wanted(2, booked=False), look_first=False, emit=emitted, rows=rows)
    await apply(SESSION, vas, _wanted(1), look_first=False, emit=emitted, rows=rows)
    assert vas.booked() == [] and emitted.events == []


async def test_vas_down_sends_the_message_to_wait_and_changes_nothing(
    vas: FakeVas, rows: FakeSyncRows, emitted: Emitted
) -> None:
    vas.down = 10
    with pytest.raises(TransientError):
        await sync(SESSION, vas, _wanted(), may_be_repeat=False, emit=emitted, rows=rows)
    assert vas.calls == ["make"] * 3, "three quick tries, then the retry tiers"
    assert rows.rows[uuid.UUID(int=1)].version == 0 and emitted.events == []


async def test_cancelling_what_vas_no_longer_has_is_done(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    booked = _wanted()
    await apply(SESSION, vas, booked, look_first=False, emit=emitted, rows=rows)
    vas.appointments.clear()  # the clinic removed it in VAS
    cancel = dataclasses.replace(booked, version=2, booked=False)
    await apply(SESSION, vas, cancel, look_first=False, emit=emitted, rows=rows)
    assert rows.rows[booked.appointment_id].outcome == "cancelled"


async def test_a_refusal_no_retry_can_help_is_parked(vas: FakeVas, rows: FakeSyncRows, emitted: Emitted) -> None:
    vas.refuse_with = "A_CODE_WE_DO_NOT_KNOW"
    with pytest.raises(PermanentError):
        await apply(SESSION, vas, _wanted(), look_first=False, emit=emitted, rows=rows)
    assert rows.rows[uuid.UUID(int=1)].version == 0 and emitted.events == []
