"""What the app factory wires once and every request uses."""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.booking.adapters.status_signal import StatusWaiter
from services.booking.domain.eligibility import Eligibility
from services.booking.domain.rate_limit import RateLimiter
from services.booking.domain.slot_hints import SlotHints
from services.booking.settings import BookingSettings
from shared.auth import TokenVerifier
from shared.clock import Clock, SystemClock
from shared.throttle import Throttle


@dataclass
class BookingApp:
    settings: BookingSettings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    verifier: TokenVerifier
    waiter: StatusWaiter
    eligibility: Eligibility
    # Booking attempts per identity (resident, or staff on the staff-only link).
    limiter: RateLimiter = field(default_factory=RateLimiter)
    # At most one look in VAS for bookings made elsewhere per resident and interval.
    schedule_checks: Throttle = field(default_factory=lambda: Throttle(interval_s=300))
    # Where every rule reads the time (deadlines, holds, what a listing offers): tests freeze it.
    clock: Clock = field(default_factory=SystemClock)
    # Restricted times this process's searches listed: booking one asks eligibility first.
    slot_hints: SlotHints = field(default_factory=SlotHints)
    # Wakes this process's outbox relay: the booking hot path commits without NOTIFY.
    outbox_committed: Callable[[], None] = field(default=lambda: None)
