"""Request-scoped dependencies: the unit of work, the caller's identity, the language."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.booking.adapters.status_signal import StatusWaiter
from services.booking.api.rate_limit import RateLimiter
from services.booking.domain.eligibility import Eligibility
from services.booking.settings import BookingSettings
from shared.auth import TokenVerifier


@dataclass
class BookingApp:
    """What the app factory wires once and every request uses."""

    settings: BookingSettings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    verifier: TokenVerifier
    waiter: StatusWaiter
    eligibility: Eligibility
    # Booking attempts per identity (resident, or staff on the staff-only link).
    limiter: RateLimiter = field(default_factory=RateLimiter)


async def booking_app(request: Request) -> BookingApp:
    # async: a plain def dependency would hop to a worker thread on every request
    app: BookingApp = request.app.state.booking
    return app


AppDep = Annotated[BookingApp, Depends(booking_app)]


async def session(app: AppDep) -> AsyncIterator[AsyncSession]:
    async with app.sessionmaker() as value:
        yield value


SessionDep = Annotated[AsyncSession, Depends(session)]


async def language(accept_language: Annotated[str | None, Header()] = None) -> str:
    """Swedish unless the client prefers English."""
    if accept_language and accept_language.strip().lower().startswith("en"):
        return "en"
    return "sv"


LangDep = Annotated[str, Depends(language)]
