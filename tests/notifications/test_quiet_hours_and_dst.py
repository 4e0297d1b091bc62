"""Quiet hours (no SMS 21:00–08:00 Stockholm) and reminder times on the days the clocks change."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.notifications.adapters.reminders_file import load_policy
from services.notifications.domain.planner import Planner
from services.notifications.domain.policy import ReminderPolicy
from services.notifications.domain.timing import QuietHours, wall_clock_before
from tests.support.notifications import STOCKHOLM, local

QUIET = QuietHours.parse("21:00", "08:00", "Europe/Stockholm")
POLICY = load_policy(Path("services/notifications/reminders.yaml"))
PLANNER = Planner(policy=POLICY, quiet=QUIET, latest_before=timedelta(hours=1))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_quiet_hours_shift_into_the_morning() -> None:
    assert QUIET.next_allowed(local(2026, 3, 3, 20, 59)) == local(2026, 3, 3, 20, 59)
    assert QUIET.next_allowed(local(2026, 3, 3, 21, 0)) == local(2026, 3, 4, 8)
    assert QUIET.next_allowed(local(2026, 3, 4, 7, 59)) == local(2026, 3, 4, 8)
    assert QUIET.next_allowed(local(2026, 3, 4, 8)) == local(2026, 3, 4, 8)
    assert QUIET.last_allowed_before(local(2026, 3, 4, 6)) == local(2026, 3, 3, 20, 59)


def test_quiet_hours_across_the_dst_nights() -> None:
    # Spring forward (Sunday 29 March 2026): the morning is at 06:00 UTC, not 07:00.
    assert QUIET.next_allowed(local(2026, 3, 28, 22)) == utc(2026, 3, 29, 6)
    assert QUIET.next_allowed(utc(2026, 3, 29, 1, 30)) == utc(2026, 3, 29, 6)  # 03:30 CEST
    assert QUIET.contains(utc(2026, 3, 29, 5, 59)) and not QUIET.contains(utc(2026, 3, 29, 6))
    # Fall back (Sunday 25 October 2026): 02:30 happens twice; the morning is at 07:00 UTC.
    assert QUIET.next_allowed(utc(2026, 10, 25, 0, 30)) == utc(2026, 10, 25, 7)
    assert QUIET.next_allowed(utc(2026, 10, 25, 1, 30)) == utc(2026, 10, 25, 7)
    assert QUIET.contains(utc(2026, 10, 25, 6, 59)) and not QUIET.contains(utc(2026, 10, 25, 7))


def test_48_hours_before_is_the_same_clock_time_across_a_dst_change() -> None:
    # Monday 30 March 09:00 CEST → Saturday 28 March 09:00 CET (47 real hours earlier).
    monday = local(2026, 3, 30, 9)
    assert wall_clock_before(monday, 48, STOCKHOLM) == local(2026, 3, 28, 9) == utc(2026, 3, 28, 8)
    assert monday - wall_clock_before(monday, 48, STOCKHOLM) == timedelta(hours=47)
    # Monday 26 October 09:00 CET → Saturday 24 October 09:00 CEST (49 real hours earlier).
    october = local(2026, 10, 26, 9)
    assert wall_clock_before(october, 48, STOCKHOLM) == utc(2026, 10, 24, 7)
    assert october - wall_clock_before(october, 48, STOCKHOLM) == timedelta(hours=49)


def test_a_reminder_in_quiet_hours_moves_to_08_on_the_dst_morning() -> None:
    # A visit Tuesday 31 March 06:30 CEST (early clinic): 48 h before is Sunday 29 March 06:30, in quiet hours.
    start = local(2026, 3, 31, 6, 30)
    [sms, email] = PLANNER.reminders(now=local(2026, 3, 20), start=start, time_type_code="nurse-visit", params={})
    assert (sms.channel, sms.due_at) == ("sms", utc(2026, 3, 29, 6))  # 08:00 CEST on the short night
    assert (email.channel, email.due_at) == ("email", utc(2026, 3, 29, 4, 30))  # e-mail has no quiet hours


def test_a_reminder_that_morning_would_make_too_late_goes_the_evening_before() -> None:
    # A 1-hour reminder for 08:30 falls at 07:30: 08:00 would be too late, so 20:59 the evening before.
    policy = load_policy(Path("services/notifications/reminders.yaml"))
    early = Planner(
        policy=ReminderPolicy(default=(policy.default[0].model_copy(update={"hours_before": 1}),), by_time_type={}),
        quiet=QUIET,
        latest_before=timedelta(minutes=45),
    )
    [sms] = early.reminders(now=local(2026, 3, 2), start=local(2026, 3, 5, 8, 30), time_type_code=None, params={})
    assert sms.due_at == local(2026, 3, 4, 20, 59)


def test_offsets_per_time_type_and_none_already_past() -> None:
    start = local(2026, 3, 20, 10)
    group = PLANNER.reminders(now=local(2026, 3, 2), start=start, time_type_code="group-visit", params={})
    assert sorted((p.channel, p.due_at) for p in group) == [
        ("email", local(2026, 3, 13, 10)),
        ("sms", local(2026, 3, 13, 10)),
        ("sms", local(2026, 3, 18, 10)),
    ]
    booked_late = PLANNER.reminders(now=local(2026, 3, 19, 12), start=start, time_type_code="nurse-visit", params={})
    assert booked_late == [], "booked 22 h ahead: the confirmation is the reminder"
