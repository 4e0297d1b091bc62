"""What the dispatcher does with a due notification (pure rules, no I/O)."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from services.notifications.domain.dispatch_rules import Claimed, Defer, Finish, Send, backoff, decide
from services.notifications.domain.timing import QuietHours

QUIET = QuietHours.parse("21:00", "08:00", "Europe/Stockholm")
NOON = datetime(2026, 3, 4, 11, tzinfo=UTC)  # 12:00 in Stockholm
REMINDER = Claimed(
    id=1,
    appointment_id=uuid.uuid4(),
    kind="reminder",
    channel="sms",
    params={},
    due_at=NOON,
    not_after=NOON + timedelta(days=2),
    attempts=1,
    appointment_status="booked",
    phone="+46701234567",
    email=None,
    language="en",
    sms_consent=True,
    email_consent=False,
)


def test_sent_with_consent_and_an_address_in_the_residents_language() -> None:
    assert decide(REMINDER, now=NOON, quiet=QUIET) == Send("+46701234567", "en")
    assert decide(replace(REMINDER, appointment_status="pending"), now=NOON, quiet=QUIET) == Send(
        "+46701234567", "en"
    ), "a move awaiting VAS: the booked time still stands"


def test_let_go_when_no_longer_relevant_or_not_wanted() -> None:
    assert decide(replace(REMINDER, appointment_status="cancelled"), now=NOON, quiet=QUIET) == Finish(
        "dropped", "cancelled"
    )
    assert decide(replace(REMINDER, kind="confirmation", appointment_status="rejected"), now=NOON, quiet=QUIET) == (
        Finish("dropped", "rejected")
    )
    late = NOON + timedelta(days=3)
    assert decide(REMINDER, now=late, quiet=QUIET) == Finish("dropped", "too_late")
    assert decide(replace(REMINDER, sms_consent=False), now=NOON, quiet=QUIET) == Finish("skipped", "no_consent")
    assert decide(replace(REMINDER, sms_consent=None, phone=None), now=NOON, quiet=QUIET) == Finish(
        "skipped", "no_consent"
    )
    assert decide(replace(REMINDER, channel="email", email_consent=True), now=NOON, quiet=QUIET) == Finish(
        "skipped", "no_address"
    )


def test_a_cancellation_notice_still_goes_to_a_cancelled_appointment() -> None:
    notice = replace(REMINDER, kind="cancelled", appointment_status="cancelled", not_after=None)
    assert isinstance(decide(notice, now=NOON, quiet=QUIET), Send)


def test_an_sms_claimed_in_quiet_hours_waits_for_the_morning_but_e_mail_does_not() -> None:
    night = datetime(2026, 3, 4, 22, tzinfo=UTC)  # 23:00 in Stockholm
    assert decide(REMINDER, now=night, quiet=QUIET) == Defer(datetime(2026, 3, 5, 7, tzinfo=UTC))
    email = replace(REMINDER, channel="email", email="a@example.se", email_consent=True)
    assert decide(email, now=night, quiet=QUIET) == Send("a@example.se", "en")


def test_backoff_doubles_up_to_a_cap_and_honours_retry_after() -> None:
    delays = [backoff(n, base_s=30, max_s=600, retry_after_s=None).total_seconds() for n in range(1, 7)]
    assert delays == [30, 60, 120, 240, 480, 600]
    assert backoff(1, base_s=30, max_s=600, retry_after_s=90).total_seconds() == 90


def test_a_reminder_for_a_time_the_appointment_has_left_is_let_go() -> None:
    old, new = NOON + timedelta(days=2), NOON + timedelta(days=6)
    planned = replace(REMINDER, params={"start": old.isoformat()}, appointment_start=old)
    assert decide(planned, now=NOON, quiet=QUIET) == Send("+46701234567", "en")
    moved = replace(planned, appointment_start=new)
    assert decide(moved, now=NOON, quiet=QUIET) == Finish("dropped", "moved")
    awaiting = replace(moved, appointment_status="pending", appointment_was=old)
    assert decide(awaiting, now=NOON, quiet=QUIET) == Send("+46701234567", "en"), "the old time stands until VAS"
