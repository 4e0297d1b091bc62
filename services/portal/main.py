"""The demo patient portal: a caller of the public booking API over HTTP, like 1177 would be."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from services.portal.adapters.booking_api import BookingApi
from services.portal.adapters.notifications_api import NotificationsApi
from services.portal.api import account, appointments, book, preferences, staff
from services.portal.api.origin import OwnPagesOnly
from services.portal.settings import PortalSettings
from shared.auth import verifier_from
from shared.web.app import build_app, run_service


def create_app(settings: PortalSettings | None = None) -> FastAPI:
    settings = settings or PortalSettings()
    booking = BookingApi(settings.booking_url, timeout_s=settings.call_timeout_s)
    notifications = NotificationsApi(settings.notifications_url, timeout_s=settings.call_timeout_s)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await booking.close()
            await notifications.close()

    app = build_app(
        settings=settings,
        title="Tidbok portal (demo)",
        description="The resident's pages (log in, book with the guide, see, rebook, cancel, reminders) "
        "and phone booking for staff.",
        routers=[account.router, appointments.router, book.router, preferences.router, staff.router],
        lifespan=lifespan,
        verifier=None,  # the pages check the resident's session themselves; the APIs check the token
    )
    app.add_middleware(OwnPagesOnly)
    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent / "static"), name="static")
    app.state.verifier = verifier_from(settings)
    app.state.booking = booking
    app.state.notifications = notifications
    app.state.session_cookie = settings.session_cookie
    app.state.secure_cookie = settings.environment == "production"
    app.state.development_login_url = settings.development_login_url
    app.state.wait_for_vas_s = settings.wait_for_vas_s
    return app


def main() -> None:
    run_service(create_app, PortalSettings)
