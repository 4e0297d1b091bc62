"""What to do with a notification that is due: send it, defer it past quiet hours, or let it go."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.notifications.domain.planner import REMINDER
from services.notifications.domain.timing import QuietHours

# Kinds that announce a (still) booked appointment: pointless once it was cancelled or refused.
_ANNOUNCES_BOOKED = frozenset({REMINDER, "confirmation", "rescheduled", "change_rejected"})


@dataclass(frozen=True)
class Claimed:
    """A claimed notification with the appointment's current status and the resident's contact details."""

    id: int
    appointment_id: uuid.UUID
    kind: str
    channel: str
    params: dict[str, Any]
    due_at: datetime
    not_after: datetime | None
    attempts: int
    appointment_status: str
    phone: str | None
    email: str | None
    language: str | None
    sms_consent: bool | None
    email_consent: bool | None
    # The appointment's time now, and the time a move awaiting VAS would leave (None without one).
    appointment_start: datetime | None = None
    appointment_was: datetime | None = None

    @property
    def idempotency_key(self) -> str:
        return f"tidbok-notification-{self.id}"


@dataclass(frozen=True)
class Send:
    address: str
    language: str


@dataclass(frozen=True)
class Finish:
    """Not sent, and not to be: `status` is dropped (no longer relevant) or skipped (no consent/address)."""

    status: str
    outcome: str


@dataclass(frozen=True)
class Defer:
    until: datetime


Decision = Send | Finish | Defer


def decide(c: Claimed, *, now: datetime, quiet: QuietHours) -> Decision:
    if c.kind in _ANNOUNCES_BOOKED and c.appointment_status in ("cancelled", "rejected"):
        return Finish("dropped", c.appointment_status)
    # "pending" here means a move awaits VAS: the booked time (the reminder's) still stands.
    if c.kind == REMINDER and c.appointment_status not in ("booked", "pending"):
        return Finish("dropped", "not_booked")
    if c.kind == REMINDER and not _for_the_booked_time(c):
        # Moved since it was planned (the move's drop missed it: it was claimed then, and a lease
        # ran out, or operations sent it again): the new time has reminders of its own.
        return Finish("dropped", "moved")
    if c.not_after is not None and now > c.not_after:
        return Finish("dropped", "too_late")
    consent = c.sms_consent if c.channel == "sms" else c.email_consent
    address = c.phone if c.channel == "sms" else c.email
    if not consent:
        return Finish("skipped", "no_consent")
    if not address:
        return Finish("skipped", "no_address")
    if c.channel == "sms" and quiet.contains(now):
        # Late after downtime, or the quiet hours moved: wait for the morning (not_after still applies).
        return Defer(quiet.next_allowed(now))
    return Send(address, c.language or "sv")


def _for_the_booked_time(c: Claimed) -> bool:
    """Whether a reminder is for the time the appointment is booked at: its start, or — while a
    move awaits VAS ("pending") — the time it would leave, which stands until VAS confirms."""
    planned = c.params.get("start")
    if not planned or c.appointment_start is None:
        return True  # nothing to compare (a reminder planned without its time)
    at = datetime.fromisoformat(str(planned))
    standing = [c.appointment_start] + ([c.appointment_was] if c.appointment_status == "pending" else [])
    return any(at == t for t in standing if t is not None)


def backoff(attempts: int, *, base_s: float, max_s: float, retry_after_s: float | None) -> timedelta:
    """Exponential: base, 2·base, 4·base… capped; never sooner than the gateway's Retry-After."""
    delay = min(max_s, base_s * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=max(delay, retry_after_s or 0))
