"""What the rules need to know about one person, read from the registers in one go."""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class InvitationFact:
    campaign: str
    phase: str
    valid_from: datetime
    valid_until: datetime
    redeemed: bool  # a live booking holds it


@dataclass(frozen=True)
class Facts:
    birth_date: date
    home_care: bool = False
    household: bool = False
    # The personnummer the staff roster binds the asking HSA-id to (None: not on the roster).
    roster_subject: str | None = None
    invitation: InvitationFact | None = None
    live_same_type: int = 0
    # Starts of the person's live bookings, by time type (for dose intervals).
    live_starts: dict[str, list[datetime]] = field(default_factory=dict)
