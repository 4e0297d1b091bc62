"""The ops console: one place for operations staff to see whether messages flow, where they
pile up and what failed, and to retry or discard failed messages (audited)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import structlog
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from services.ops_console.api import data, failures, pages
from services.ops_console.settings import OpsConsoleSettings
from services.ops_console.wiring import console_from
from shared.auth import verifier_from
from shared.db import make_engine
from shared.health import database_check
from shared.web.app import build_app, run_service

SERVICE = "ops_console"
log = structlog.get_logger(__name__)


def create_app(settings: OpsConsoleSettings | None = None) -> FastAPI:
    settings = settings or OpsConsoleSettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    console = console_from(settings, engine, services=settings.services)
    keep = timedelta(hours=settings.history_hours)

    async def sample_forever() -> None:
        while True:
            try:
                await console.sample(keep)
            except Exception as exc:  # noqa: BLE001 - a missed sample is a gap in a chart, not a crash
                log.warning("ops_console_sample_failed", error=type(exc).__name__)
            await asyncio.sleep(settings.sample_interval_s)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        sampler = asyncio.create_task(sample_forever(), name="ops-console-sampler")
        try:
            yield
        finally:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
            await console.broker.close()
            await console.probes.close()
            await console.http.aclose()
            await engine.dispose()

    app = build_app(
        settings=settings,
        title="Tidbok ops console",
        description="Operations staff: the flow of messages, queues, failed messages (retry, discard), services.",
        routers=[pages.router, data.router],
        checks=[database_check(engine)],
        lifespan=lifespan,
        verifier=verifier_from(settings),
        public=[
            ("GET", "/login"),
            ("POST", "/login"),
            ("POST", "/logout"),
            ("GET", "/static/{path:path}"),
            *(("GET", page) for page in pages.PAGES),
        ],
        session_cookie=settings.session_cookie,
    )
    failures.install(app)
    app.mount("/static", StaticFiles(directory=Path(__file__).resolve().parent / "static"), name="static")
    app.state.console = console
    app.state.session_cookie = settings.session_cookie
    app.state.secure_cookie = settings.environment == "production"
    app.state.development_login_url = settings.development_login_url
    app.state.refresh_s = settings.refresh_s
    app.state.history_span = keep
    return app


def main() -> None:
    run_service(create_app, OpsConsoleSettings)
