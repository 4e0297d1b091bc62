"""When each notification is due: notices at once, reminders at their offsets; SMS never in quiet hours."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from services.notifications.domain.policy import CHANNELS, Channel, ReminderPolicy
from services.notifications.domain.timing import QuietHours, wall_clock_before

REMINDER = "reminder"


@dataclass(frozen=True)
class Planned:
    kind: str
    channel: Channel
    ref: str
    due_at: datetime
    not_after: datetime | None
    params: dict[str, Any] = field(default_factory=dict)


def text_params(*, start: datetime | None, clinic_name: str | None, **extra: str) -> dict[str, Any]:
    """All a text may say: date and time, clinic, and for a cancellation who cancelled."""
    return {"start": start.isoformat() if start else None, "clinic_name": clinic_name, **extra}


@dataclass(frozen=True)
class Planner:
    policy: ReminderPolicy
    quiet: QuietHours
    # A reminder is pointless this close to the start (it goes out late after downtime only until then).
    latest_before: timedelta

    def notice(
        self, kind: str, *, ref: str, now: datetime, not_after: datetime | None, params: dict[str, Any]
    ) -> list[Planned]:
        """A message about a change, on every channel (consent is checked when it is sent)."""
        return [Planned(kind, channel, ref, self._allowed(channel, now), not_after, params) for channel in CHANNELS]

    def reminders(
        self, *, now: datetime, start: datetime, time_type_code: str | None, params: dict[str, Any]
    ) -> list[Planned]:
        """Reminders still ahead of `now`. One whose time has already passed when the booking is
        confirmed is not planned: the confirmation going out now says the same."""
        not_after = start - self.latest_before
        planned = []
        for rule in self.policy.rules_for(time_type_code):
            nominal = wall_clock_before(start, rule.hours_before, self.quiet.tz)
            if nominal <= now:
                continue
            due = self._allowed(rule.channel, nominal)
            if due > not_after:
                # Shifting past quiet hours would make it too late: send it the evening before instead.
                due = self.quiet.last_allowed_before(nominal)
            if due <= now or due > not_after:
                continue
            ref = f"{rule.hours_before}h@{start.isoformat()}"
            planned.append(Planned(REMINDER, rule.channel, ref, due, not_after, params))
        return planned

    def _allowed(self, channel: Channel, at: datetime) -> datetime:
        return self.quiet.next_allowed(at) if channel == "sms" else at
