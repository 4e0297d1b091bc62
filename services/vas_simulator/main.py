"""The VAS simulator: FastAPI app factory (JSON API, change feed, faults, clinic pages)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from services.vas_simulator import api, pages
from services.vas_simulator.errors import install_error_handlers
from services.vas_simulator.faults import FaultMiddleware, FaultStore
from services.vas_simulator.settings import VasSettings
from shared.db import make_engine
from shared.health import database_check, health_router
from shared.http import CorrelationIdMiddleware
from shared.logging import configure_logging

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

    app = FastAPI(
        title="VAS simulator",
        description="A stand-in for the region's journal system, shaped after RIV-TA crm:scheduling. "
        'Errors answer `{"result_code", "message"}` with the contract\'s result codes.',
        version="1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.faults = store
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(health_router([database_check(engine)]))
    app.add_middleware(FaultMiddleware, store=store, hang_s=settings.fault_hang_s)
    app.add_middleware(CorrelationIdMiddleware)
    return app


def main() -> None:
    settings = VasSettings()
    configure_logging(SERVICE, settings.log_level)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False, lifespan="on"
    )


if __name__ == "__main__":
    main()
