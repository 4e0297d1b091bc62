"""The VAS simulator: FastAPI app factory (JSON API, change feed, faults, clinic pages)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.vas_simulator import api, crm, pages
from services.vas_simulator.errors import install_error_handlers
from services.vas_simulator.faults import FaultMiddleware, FaultStore
from services.vas_simulator.settings import VasSettings
from shared.db import make_engine
from shared.health import database_check
from shared.web.app import build_app, run_service

SERVICE = "vas_simulator"


def create_app(settings: VasSettings | None = None) -> FastAPI:
    settings = settings or VasSettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    store = FaultStore(engine, settings.fault_cache_s)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await engine.dispose()

    app = build_app(
        settings=settings,
        title="VAS simulator",
        description="A stand-in for the region's journal system: a JSON API shaped after RIV-TA crm:scheduling "
        '(errors answer `{"result_code", "message"}` with the contract\'s result codes), and the contract itself: '
        "crm:scheduling 1.1 responders over SOAP at `/crm-scheduling/<Operation>`. Development only.",
        routers=[api.router, crm.router, pages.router],
        checks=[database_check(engine)],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.faults = store
    install_error_handlers(app)
    # Faults act inside the shared edge, like a journal system's own trouble would.
    app.add_middleware(FaultMiddleware, store=store, hang_s=settings.fault_hang_s)
    return app


def main() -> None:
    run_service(create_app, VasSettings)


if __name__ == "__main__":
    main()
