"""Request-scoped dependencies: the app's wiring and the language."""

from typing import Annotated

from fastapi import Depends, Header, Request

from services.booking.state import BookingApp


async def booking_app(request: Request) -> BookingApp:
    # async: a plain def dependency would hop to a worker thread on every request
    app: BookingApp = request.app.state.booking
    return app


AppDep = Annotated[BookingApp, Depends(booking_app)]


async def language(accept_language: Annotated[str | None, Header()] = None) -> str:
    """Swedish unless the client prefers English."""
    if accept_language and accept_language.strip().lower().startswith("en"):
        return "en"
    return "sv"


LangDep = Annotated[str, Depends(language)]
