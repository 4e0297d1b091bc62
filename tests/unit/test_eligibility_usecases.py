"""Eligibility's view of bookings, kept from booking's appointment events, against an in-memory
store: invitations redeemed and given back, the call-back list, events in any order. The same over
the real broker and database: tests/eligibility/."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.eligibility.domain.records import Decision
from services.eligibility.usecases import appointments
from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.contracts.common import Actor, Channel
from tests.support.fakes.eligibility import FakeBookings

SESSION: Any = None  # the fakes need no transaction
COVID = "covid19-dose1"
ID = uuid.UUID(int=11)
START = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
PNR = "194001012384"
EVENT: dict[str, Any] = {
    "appointment_id": ID,
    "slot_id": "slot-1",
    "clinic_hsa_id": "SE2321000115-O10001",
    "time_type_code": COVID,
    "start": START,
    "subject": PNR,
    "actor": Actor.CITIZEN,
    "channel": Channel.WEB,
}


def _decision(*, invitation: str | None = None, needs_review: bool = False) -> Decision:
    return Decision(
        id=1,
        at=START - timedelta(days=1),
        subject=PNR,
        time_type_code=COVID,
        appointment_id=ID,
        channel="web",
        actor_id=None,
        purpose="book",
        eligible=True,
        reason="INVITATION" if invitation else "SELF_DECLARED_RISK_GROUP",
        rule_version="covid-2026@3",
        self_declared=needs_review,
        needs_review=needs_review,
        invitation_code=invitation,
        evidence={},
    )


def requested(**more: Any) -> AppointmentRequested:
    return AppointmentRequested(version=1, end=START + timedelta(minutes=10), **{**EVENT, **more})


def cancelled(version: int = 2) -> AppointmentCancelled:
    return AppointmentCancelled(version=version, **EVENT)


@pytest.fixture
def store() -> FakeBookings:
    return FakeBookings(covered={COVID})


async def test_a_booking_with_an_invitation_redeems_it_and_a_cancellation_gives_it_back(store: FakeBookings) -> None:
    store.decided(_decision(invitation="ABCD2345"))
    await appointments.requested(SESSION, requested(), bookings=store)
    assert store.redeemed["ABCD2345"] == ID and store.bookings[ID].status == "live"
    await appointments.cancelled(SESSION, cancelled(), bookings=store)
    assert store.redeemed["ABCD2345"] is None and store.bookings[ID].status == "cancelled"


async def test_a_self_declared_booking_goes_on_the_call_back_list(store: FakeBookings) -> None:
    store.decided(_decision(needs_review=True))
    await appointments.requested(SESSION, requested(), bookings=store)
    assert store.follow_ups[ID]["reason"] == "SELF_DECLARED_RISK_GROUP"
    assert store.follow_ups[ID]["status"] == "open"


async def test_a_cancellation_before_its_request_still_ends_the_booking(store: FakeBookings) -> None:
    store.decided(_decision(invitation="ABCD2345"))
    await appointments.cancelled(SESSION, cancelled(), bookings=store)
    await appointments.requested(SESSION, requested(), bookings=store)
    assert store.bookings[ID].status == "cancelled"


async def test_time_types_no_campaign_covers_are_not_kept(store: FakeBookings) -> None:
    await appointments.requested(SESSION, requested(time_type_code="nurse-visit"), bookings=store)
    assert store.bookings == {}


async def test_a_refused_move_keeps_the_booking_and_a_refused_booking_ends_it(store: FakeBookings) -> None:
    await appointments.requested(SESSION, requested(), bookings=store)
    await appointments.rejected(SESSION, AppointmentRejected(appointment_id=ID, version=2, code="X"), bookings=store)
    assert store.bookings[ID].status == "live"
    await appointments.rejected(SESSION, AppointmentRejected(appointment_id=ID, version=1, code="X"), bookings=store)
    assert store.bookings[ID].status == "rejected"


async def test_a_move_counts_and_an_older_move_does_not(store: FakeBookings) -> None:
    await appointments.requested(SESSION, requested(), bookings=store)
    for version, days in ((3, 7), (2, 3)):
        moved = {**EVENT, "start": START + timedelta(days=days)}
        event = AppointmentRescheduled(version=version, old_slot_id="slot-1", end=START, **moved)
        await appointments.rescheduled(SESSION, event, bookings=store)
    assert (store.bookings[ID].start_at, store.bookings[ID].version) == (START + timedelta(days=7), 3)


async def test_a_dose_booked_by_phone_in_vas_counts(store: FakeBookings) -> None:
    event = AppointmentBookedInVas(
        version=1,
        vas_appointment_id="vas-1",
        end=START + timedelta(minutes=10),
        **{k: v for k, v in EVENT.items() if k != "actor"} | {"channel": Channel.PHONE},
    )
    await appointments.booked_in_vas(SESSION, event, bookings=store)
    assert store.bookings[ID].status == "live"
