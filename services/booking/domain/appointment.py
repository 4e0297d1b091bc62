"""The appointment's life: pending -> booked | rejected; pending/booked -> cancelled."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from services.booking.domain.errors import BookingCode, BookingError


class Status(StrEnum):
    PENDING = "pending"  # accepted, not yet confirmed in VAS
    BOOKED = "booked"  # confirmed in VAS
    REJECTED = "rejected"  # VAS refused
    CANCELLED = "cancelled"


LIVE = frozenset({Status.PENDING, Status.BOOKED})


def check_can_change(status: str) -> None:
    """Cancel and reschedule need a live appointment."""
    if status == Status.CANCELLED:
        raise BookingError(BookingCode.APPOINTMENT_IS_ALREADY_CANCELED)
    if status not in LIVE:
        raise BookingError(BookingCode.CANCEL_IS_NOT_ALLOWED)


@dataclass(frozen=True, slots=True)
class Appointment:
    """An appointment as stored (one row of `appointments`)."""

    id: uuid.UUID
    subject: str
    slot_id: str
    previous_slot_id: str | None
    previous_start_at: datetime | None
    previous_end_at: datetime | None
    clinic_hsa_id: str
    time_type_code: str
    start_at: datetime
    end_at: datetime
    status: str
    version: int
    channel: str
    actor: str
    actor_id: str | None
    reason: str | None
    invitation_code: str | None
    vas_appointment_id: str | None
    rejection_code: str | None
    cancelled_by: str | None
    self_declared: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """Who did what to an appointment, when and through which channel."""

    id: int
    at: datetime
    action: str
    actor: str
    actor_id: str | None
    channel: str
    appointment_id: uuid.UUID | None
    subject: str | None
    details: dict[str, Any]
