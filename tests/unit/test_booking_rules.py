"""Booking's rules and the checks a booking passes, on plain values (no database)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from _pytest.raises import RaisesExc

from services.booking.domain import guide_tickets
from services.booking.domain.appointment import Status, check_can_change
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rate_limit import RateLimiter
from services.booking.domain.rules import FlowRule, TimeTypeRules, check_bookable_time, check_conditions
from services.booking.usecases import checks
from services.booking.usecases.commands import Who
from shared.contracts.common import Actor, Channel

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RESIDENT = Who(actor=Actor.CITIZEN, channel=Channel.WEB)
PHONE = Who(actor=Actor.HEALTH_PROFESSIONAL, channel=Channel.PHONE, actor_id="SE2321000115-E1")


def context(**changes: object) -> BookingContext:
    base = BookingContext(
        slot_id="s-1",
        clinic_hsa_id="SE2321000115-O10001",
        time_type_code="nurse-visit",
        start=NOW + timedelta(days=2),
        end=NOW + timedelta(days=2, minutes=20),
        status="free",
        held_by=None,
        hold_expires_at=None,
        slot_web_bookable=True,
        web_booking_enabled=True,
        clinic_phone="035-00 00 00",
        clinic_name="Vårdcentralen Andersberg",
        type_web_bookable=True,
        hidden=False,
        restricted=False,
        max_live_per_person=None,
        rules={},
        condition_ids=["not-urgent"],
        closure=None,
        live_same_type=0,
        live_web=0,
        occupied=False,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def refused(code: BookingCode) -> "RaisesExc[BookingError]":
    return pytest.raises(BookingError, match=code.name)


def test_a_past_time_is_never_bookable_and_the_deadline_counts_for_the_web_only() -> None:
    rule = TimeTypeRules.from_json({"book": {"deadline_hours": 2}}).book
    with refused(BookingCode.REQUESTED_TIME_HAS_ALREADY_PASSED):
        check_bookable_time(start=NOW, now=NOW, rule=rule, late_code=BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT)
    soon = context(start=NOW + timedelta(hours=1))
    with refused(BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT):
        checks.check_timing(soon, who=RESIDENT, rule=rule, late_code=BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT, now=NOW)
    checks.check_timing(soon, who=PHONE, rule=rule, late_code=BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT, now=NOW)


def test_default_rules_are_primary_cares_24_hours_for_changes() -> None:
    rules = TimeTypeRules.from_json({})
    assert rules.book == FlowRule(0) and rules.cancel.deadline_hours == 24 and rules.reschedule.deadline_hours == 24


def test_every_condition_must_be_confirmed() -> None:
    with pytest.raises(BookingError) as missing:
        check_conditions(required=["a", "b"], confirmed=["a"])
    assert missing.value.extra == {"missing_conditions": ["b"]}
    check_conditions(required=["a"], confirmed=["a", "extra"])


def test_a_time_held_by_someone_else_is_taken_until_the_hold_runs_out() -> None:
    held = context(status="held", held_by="199001012382", hold_expires_at=NOW + timedelta(minutes=3))
    with refused(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED):
        checks.check_slot_available(held, subject="191212121212", now=NOW)
    checks.check_slot_available(held, subject="199001012382", now=NOW)
    checks.check_slot_available(held, subject="191212121212", now=NOW + timedelta(minutes=4))


def test_closed_web_booking_answers_the_closures_message_and_staff_pass() -> None:
    closure = {"message_sv": "Stängt", "message_en": "Closed", "phone": "010-476 00 00"}
    with pytest.raises(BookingError) as closed:
        checks.check_channel_open(context(closure=closure), who=RESIDENT, region_phone="010")
    assert closed.value.code == "WEB_BOOKING_CLOSED" and closed.value.extra["phone"] == "010-476 00 00"
    checks.check_channel_open(context(closure=closure), who=PHONE, region_phone="010")
    with refused(BookingCode.APPOINTMENT_IS_NOT_ALLOWED):
        checks.check_channel_open(context(slot_web_bookable=False), who=RESIDENT, region_phone="010")


def test_the_cap_on_coming_web_bookings_binds_residents_not_the_phone_line() -> None:
    with pytest.raises(BookingError) as capped:
        checks.check_person(context(live_web=4), who=RESIDENT, web_limit=4)
    assert (capped.value.code, capped.value.extra) == ("TOO_MANY_BOOKINGS", {"limit": 4})
    checks.check_person(context(live_web=3), who=RESIDENT, web_limit=4)
    checks.check_person(context(live_web=9), who=PHONE, web_limit=4)
    with refused(BookingCode.USER_IS_ALREADY_OCCUPIED):
        checks.check_person(context(occupied=True), who=PHONE, web_limit=None)


def test_a_hidden_time_type_needs_the_guides_ticket_for_that_person_or_an_invitation() -> None:
    hidden = context(hidden=True)
    ticket = guide_tickets.issue(secret="s", subject="191212121212", time_type_code="nurse-visit")
    assert not checks.check_hidden(
        hidden, subject="191212121212", who=RESIDENT, ticket=ticket, invitation=None, secret="s"
    )
    with refused(BookingCode.APPOINTMENT_IS_NOT_ALLOWED):
        checks.check_hidden(hidden, subject="199001012382", who=RESIDENT, ticket=ticket, invitation=None, secret="s")
    assert checks.check_hidden(hidden, subject="199001012382", who=RESIDENT, ticket=None, invitation="K7QM", secret="s")


def test_guide_tickets_run_out() -> None:
    ticket = guide_tickets.issue(secret="s", subject="p", time_type_code="t", ttl_s=60, now=1000)
    assert guide_tickets.valid(ticket, secret="s", subject="p", time_type_code="t", now=1059)
    assert not guide_tickets.valid(ticket, secret="s", subject="p", time_type_code="t", now=1061)
    assert not guide_tickets.valid(ticket + "x", secret="s", subject="p", time_type_code="t", now=1000)


@pytest.mark.parametrize("signature", ["é", "\ud800", "ab\x00"])
def test_a_ticket_with_characters_no_signature_has_is_not_valid(signature: str) -> None:
    forged = f"t.99999999999.{signature}"  # compare_digest refuses non-ASCII text (it was a 500)
    assert not guide_tickets.valid(forged, secret="s", subject="p", time_type_code="t", now=1000)


def test_only_a_live_appointment_can_be_changed() -> None:
    check_can_change(Status.BOOKED)
    with refused(BookingCode.APPOINTMENT_IS_ALREADY_CANCELED):
        check_can_change(Status.CANCELLED)
    with refused(BookingCode.CANCEL_IS_NOT_ALLOWED):
        check_can_change(Status.REJECTED)


def test_the_rate_limiter_refills_at_its_rate() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)
    limiter.check("p", now=0)
    limiter.check("p", now=0)
    with pytest.raises(BookingError) as limited:
        limiter.check("p", now=0.1)
    assert limited.value.headers == {"Retry-After": "1"}
    limiter.check("p", now=1.2)
    limiter.check("someone else", now=0.1)
