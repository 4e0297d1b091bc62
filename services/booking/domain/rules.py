"""Booking rules per time type and flow (book, reschedule, cancel). Pure: no I/O."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.booking.domain.errors import BookingCode, BookingError


@dataclass(frozen=True)
class FlowRule:
    deadline_hours: float = 0
    reason_required: bool = False


@dataclass(frozen=True)
class TimeTypeRules:
    book: FlowRule
    reschedule: FlowRule
    cancel: FlowRule

    @classmethod
    def from_json(cls, rules: dict[str, Any]) -> "TimeTypeRules":
        def flow(name: str, default_hours: float) -> FlowRule:
            raw = rules.get(name) or {}
            return FlowRule(
                deadline_hours=float(raw.get("deadline_hours", default_hours)),
                reason_required=bool(raw.get("reason_required", False)),
            )

        # Primary care: cancel or rebook at least 24 h before, otherwise by phone.
        return cls(book=flow("book", 0), reschedule=flow("reschedule", 24), cancel=flow("cancel", 24))


def check_bookable_time(*, start: datetime, now: datetime, rule: FlowRule, late_code: BookingCode) -> None:
    """A past time is never bookable; inside the deadline the web says 'too late'."""
    if start <= now:
        raise BookingError(BookingCode.REQUESTED_TIME_HAS_ALREADY_PASSED)
    if start - now < timedelta(hours=rule.deadline_hours):
        raise BookingError(late_code)


def check_change_deadline(*, start: datetime, now: datetime, rule: FlowRule, late_code: BookingCode) -> None:
    if start - now < timedelta(hours=rule.deadline_hours):
        raise BookingError(late_code)


def check_reason(*, rule: FlowRule, reason: str | None) -> None:
    if rule.reason_required and not (reason and reason.strip()):
        raise BookingError(BookingCode.REASON_REQUIRED)


def check_conditions(*, required: Iterable[str], confirmed: Iterable[str]) -> None:
    """Every condition text (villkorstext) must be actively confirmed."""
    missing = sorted(set(required) - set(confirmed))
    if missing:
        raise BookingError(BookingCode.CONDITIONS_NOT_CONFIRMED, extra={"missing_conditions": missing})
