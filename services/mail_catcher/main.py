"""The mail catcher: an SMTP server (1025) that keeps every mail, and a page listing them (8098)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from services.mail_catcher import api
from services.mail_catcher.settings import MailCatcherSettings
from services.mail_catcher.smtp import start_smtp
from services.mail_catcher.store import MailStore
from shared.health import health_router
from shared.logging import configure_logging, get_logger

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

    app = FastAPI(
        title="Mail catcher", description="Development SMTP catcher: nothing leaves this machine.", lifespan=lifespan
    )
    app.state.settings = settings
    app.state.store = store
    app.include_router(api.router)
    app.include_router(health_router([]))
    return app


def main() -> None:
    settings = MailCatcherSettings()
    configure_logging(SERVICE, settings.log_level)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False, lifespan="on"
    )


if __name__ == "__main__":
    main()
