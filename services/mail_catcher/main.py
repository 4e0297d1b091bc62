"""The mail catcher: an SMTP server (1025) that keeps every mail, and a page listing them (8098)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.mail_catcher import api
from services.mail_catcher.settings import MailCatcherSettings
from services.mail_catcher.smtp import start_smtp
from services.mail_catcher.store import MailStore
from shared.logging import get_logger
from shared.web.app import build_app, run_service

SERVICE = "mail_catcher"
log = get_logger(__name__)


def create_app(settings: MailCatcherSettings | None = None) -> FastAPI:
    settings = settings or MailCatcherSettings()
    store = MailStore(keep=settings.keep_messages)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        server = await start_smtp(store, host=settings.host, port=settings.smtp_port)
        log.info("smtp_listening", port=settings.smtp_port)
        try:
            yield
        finally:
            server.close()
            await server.wait_closed()

    app = build_app(
        settings=settings,
        title="Mail catcher",
        description="Development SMTP catcher: nothing leaves this machine.",
        routers=[api.router],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    return app


def main() -> None:
    run_service(create_app, MailCatcherSettings)


if __name__ == "__main__":
    main()
