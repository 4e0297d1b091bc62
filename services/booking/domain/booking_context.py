"""What the booking rules look at: one slot, its clinic and time type, and one person's bookings."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class BookingContext:
    """Everything the rules need about one slot and one person, read in one round trip."""

    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    start: datetime
    end: datetime
    status: str
    held_by: str | None
    hold_expires_at: datetime | None
    slot_web_bookable: bool
    web_booking_enabled: bool
    clinic_phone: str
    clinic_name: str
    type_web_bookable: bool
    hidden: bool
    restricted: bool
    max_live_per_person: int | None
    rules: dict[str, Any]
    condition_ids: list[str]
    closure: dict[str, str] | None
    live_same_type: int
    # The person's coming appointments booked on the web (any time type): the cap against hoarding.
    live_web: int
    occupied: bool
