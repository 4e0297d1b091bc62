"""Booking's use cases for VAS's answers, against in-memory appointments and slots: confirmed,
refused, a refused move going back to where VAS kept it, stale and repeated answers. The same
over the real broker and database: tests/booking/test_vas_answers.py."""

import uuid
from typing import Any

import pytest

from services.booking.domain.appointment import Status
from services.booking.usecases import vas_results
from services.booking.usecases.slot_taken_in_vas import TAKEN, reject_unmade_bookings
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from tests.support.fakes.booking import FakeBooking

SESSION: Any = None  # the fakes need no transaction
ME, OTHER = "199001012389", "198502022380"


@pytest.fixture
def booking() -> FakeBooking:
    return FakeBooking()


def _confirmed(appointment_id: uuid.UUID, version: int = 1) -> AppointmentConfirmed:
    return AppointmentConfirmed(appointment_id=appointment_id, version=version, vas_appointment_id="vas-1")


async def test_a_confirmation_books_the_appointment_once(booking: FakeBooking) -> None:
    made = booking.appointment(booking.slot("s1"), ME)
    for _ in range(2):  # delivered twice
        await vas_results.confirmed(SESSION, _confirmed(made.id), store=booking.store())
    now = booking.appointments[made.id]
    assert (now.status, now.vas_appointment_id) == (Status.BOOKED, "vas-1")
    assert booking.actions(made.id) == ["confirmed_in_vas"] and booking.signalled == [made.id]


async def test_an_answer_for_an_older_version_changes_nothing(booking: FakeBooking) -> None:
    made = booking.appointment(booking.slot("s1"), ME, version=2)
    await vas_results.confirmed(SESSION, _confirmed(made.id, version=1), store=booking.store())
    rejected = AppointmentRejected(appointment_id=made.id, version=1, code=TAKEN)
    await vas_results.rejected(SESSION, rejected, store=booking.store())
    assert booking.appointments[made.id] == made and booking.audit_log == []


async def test_a_time_vas_gave_someone_else_is_rejected_and_shows_busy(booking: FakeBooking) -> None:
    made = booking.appointment(booking.slot("s1"), ME)
    await vas_results.rejected(
        SESSION, AppointmentRejected(appointment_id=made.id, version=1, code=TAKEN), store=booking.store()
    )
    assert (booking.appointments[made.id].status, booking.appointments[made.id].rejection_code) == ("rejected", TAKEN)
    assert booking.slots["s1"].status == "busy" and booking.signalled == [made.id]


async def test_any_other_refusal_frees_the_time(booking: FakeBooking) -> None:
    made = booking.appointment(booking.slot("s1"), ME)
    refusal = AppointmentRejected(appointment_id=made.id, version=1, code="APPOINTMENT_IS_NOT_ALLOWED")
    await vas_results.rejected(SESSION, refusal, store=booking.store())
    assert booking.slots["s1"].status == "free" and booking.appointments[made.id].status == "rejected"


def _moved(booking: FakeBooking) -> Any:
    """Booked on s1, then moved to s2 (pending at version 2; s1 given back)."""
    old, new = booking.slot("s1"), booking.slot("s2", hours=24)
    before = booking.slots[old]
    made = booking.appointment(
        new,
        ME,
        version=2,
        previous_slot_id=old,
        previous_start_at=before.start,
        previous_end_at=before.end,
        vas_appointment_id="vas-1",
    )
    return made


async def test_a_refused_move_goes_back_to_where_vas_kept_it(booking: FakeBooking) -> None:
    made = _moved(booking)
    refusal = AppointmentRejected(
        appointment_id=made.id,
        version=2,
        code=TAKEN,
        kept_known=True,
        kept_slot_id="s1",
        kept_vas_appointment_id="vas-1",
    )
    await vas_results.rejected(SESSION, refusal, store=booking.store())
    now = booking.appointments[made.id]
    assert (now.status, now.slot_id, now.start_at, now.previous_slot_id) == (
        "booked",
        "s1",
        booking.slots["s1"].start,
        None,
    )
    assert (booking.slots["s1"].status, booking.slots["s1"].holder) == ("busy", ME)
    assert booking.actions(made.id) == ["reschedule_rejected_by_vas"]


async def test_a_web_booking_of_the_kept_time_that_vas_never_made_loses_it(booking: FakeBooking) -> None:
    made = _moved(booking)
    loser = booking.appointment("s1", OTHER)  # took s1 in the replica while the move was under way
    refusal = AppointmentRejected(appointment_id=made.id, version=2, code=TAKEN, kept_known=True, kept_slot_id="s1")
    await vas_results.rejected(SESSION, refusal, store=booking.store())
    assert booking.appointments[made.id].slot_id == "s1" and booking.appointments[made.id].status == "booked"
    assert (booking.appointments[loser.id].status, booking.appointments[loser.id].rejection_code) == ("rejected", TAKEN)
    assert set(booking.signalled) == {made.id, loser.id}


async def test_a_kept_time_that_vas_gave_someone_is_not_taken_from_them(booking: FakeBooking) -> None:
    made = _moved(booking)
    phone = booking.appointment("s1", OTHER, status=Status.BOOKED, vas_appointment_id="vas-2")
    refusal = AppointmentRejected(appointment_id=made.id, version=2, code=TAKEN, kept_known=True, kept_slot_id="s1")
    await vas_results.rejected(SESSION, refusal, store=booking.store())
    assert booking.appointments[phone.id] == phone
    assert booking.appointments[made.id].status == "rejected"


async def test_unmade_bookings_are_left_while_a_vas_appointment_holds_the_time(booking: FakeBooking) -> None:
    slot = booking.slot("s1")
    booking.appointment(slot, ME, status=Status.BOOKED, vas_appointment_id="vas-1")
    web = booking.appointment(slot, OTHER)
    assert not await reject_unmade_bookings(SESSION, slot, store=booking.store())
    assert booking.appointments[web.id].status == "pending"
