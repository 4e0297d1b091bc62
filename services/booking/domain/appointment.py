"""The appointment's life: pending -> booked | rejected; pending/booked -> cancelled."""

from enum import StrEnum

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
