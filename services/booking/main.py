"""The booking service: FastAPI app factory, and its consumers of VAS answers and schedule changes."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from services.booking.adapters.eligibility_closed import ClosedEligibility
from services.booking.adapters.eligibility_rpc import RpcEligibility
from services.booking.api import appointments, catalogue, slots, staff, staff_link
from services.booking.api.deps import BookingApp
from services.booking.api.rate_limit import RateLimiter
from services.booking.domain.eligibility import Eligibility
from services.booking.domain.errors import BookingError
from services.booking.domain.guide import load_guide
from services.booking.handlers import SCHEDULE, VAS_RESULTS
from services.booking.handlers.eligibility_commands import ELIGIBILITY_COMMANDS
from services.booking.settings import BookingSettings
from services.booking.waiter import StatusWaiter
from shared.admission import AdmissionMiddleware
from shared.auth import TokenVerifier
from shared.db import make_engine, make_sessionmaker
from shared.health import ReadinessCheck, database_check, health_router
from shared.http import BodySizeLimitMiddleware, CorrelationIdMiddleware, UnexpectedErrorMiddleware
from shared.logging import configure_logging
from shared.messaging.runtime import Messaging
from shared.problems import Problem, install_problem_handlers, problem_response

SERVICE = "booking"
DEMO = Path(__file__).parent / "demo"


def create_app(settings: BookingSettings | None = None, *, eligibility: Eligibility | None = None) -> FastAPI:
    settings = settings or BookingSettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    sessionmaker = make_sessionmaker(engine)
    waiter = StatusWaiter(settings.database_url)
    messaging = Messaging(settings=settings, service=SERVICE, engine=engine, sessionmaker=sessionmaker)
    # VAS results and schedule changes only touch booking's database: handled in batches.
    messaging.consumer("vas-results", VAS_RESULTS, batch_size=settings.consumer_batch_size)
    messaging.consumer("schedule", SCHEDULE, batch_size=settings.consumer_batch_size)
    messaging.consumer("eligibility-commands", ELIGIBILITY_COMMANDS)
    rpc = _eligibility(settings) if eligibility is None else None
    state = BookingApp(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        verifier=TokenVerifier(
            jwks_url=settings.jwks_url, issuer=settings.token_issuer, audience=settings.token_audience
        ),
        waiter=waiter,
        eligibility=eligibility or rpc or ClosedEligibility(),
        limiter=RateLimiter(per_minute=settings.attempts_per_minute, burst=settings.attempts_burst),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        waiter.start()
        await messaging.start()
        try:
            yield
        finally:
            await messaging.stop()
            if rpc is not None:
                await rpc.close()
            await waiter.stop()
            await engine.dispose()

    app = FastAPI(
        title="Tidbok booking API",
        description="Web booking of healthcare appointments (Tidbok). Errors are RFC 9457 problem+json "
        "with a stable `code`.",
        version="1.0",
        lifespan=lifespan,
    )
    app.state.booking = state
    app.state.messaging = messaging
    app.state.guide = load_guide(DEMO / "guide.yaml")
    install_problem_handlers(app)

    @app.exception_handler(BookingError)
    async def _booking_error(request: Request, exc: BookingError) -> JSONResponse:
        return problem_response(
            Problem(exc.status, exc.code, exc.detail_en, exc.detail_sv, headers=exc.headers, extra=exc.extra), request
        )

    for router in (catalogue.router, slots.router, appointments.router, staff.router, staff_link.router):
        app.include_router(router)
    app.include_router(health_router([database_check(engine), *messaging.readiness_checks(), _listener(waiter)]))
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(
        AdmissionMiddleware,
        service=SERVICE,
        max_in_flight=settings.max_in_flight,
        queue_timeout_s=settings.admission_timeout_s,
    )
    app.add_middleware(CorrelationIdMiddleware)
    return app


def _eligibility(settings: BookingSettings) -> RpcEligibility | None:
    if settings.eligibility_mode != "rpc":
        return None
    return RpcEligibility(
        amqp_url=settings.amqp_url,
        namespace=settings.namespace,
        timeout_s=settings.eligibility_timeout_s,
        heartbeat_s=settings.heartbeat_s,
    )


def _listener(waiter: StatusWaiter) -> ReadinessCheck:
    async def check() -> tuple[bool, str]:
        return waiter.listening.is_set(), "ok" if waiter.listening.is_set() else "not listening"

    return ReadinessCheck("status_listener", check)


def main() -> None:
    settings = BookingSettings()
    configure_logging(SERVICE, settings.log_level)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False, lifespan="on"
    )


if __name__ == "__main__":
    main()
