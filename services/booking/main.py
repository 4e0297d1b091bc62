"""The booking service: FastAPI app factory, and its consumers of VAS answers and schedule changes."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from services.booking.adapters.eligibility_closed import ClosedEligibility
from services.booking.adapters.eligibility_rpc import RpcEligibility
from services.booking.adapters.guide_file import load_guide
from services.booking.adapters.status_signal import StatusWaiter
from services.booking.api import appointments, catalogue, slots, staff, staff_link
from services.booking.domain.eligibility import Eligibility
from services.booking.domain.errors import BookingCode
from services.booking.domain.rate_limit import RateLimiter
from services.booking.handlers import ELIGIBILITY_COMMANDS, SCHEDULE, VAS_RESULTS
from services.booking.settings import BookingSettings
from services.booking.state import BookingApp
from shared.auth import verifier_from
from shared.contracts.owners import OWNER_OF_TYPE
from shared.contracts.subscriptions import SUBSCRIPTIONS
from shared.db import make_engine, make_sessionmaker
from shared.health import ReadinessCheck, database_check
from shared.messaging.runtime import Messaging
from shared.web.app import Admission, build_app, run_service

SERVICE = "booking"
DEMO = Path(__file__).parent / "demo"
# What anyone may read without logging in: the catalogue, the guide, the free times and where
# web booking is closed (the region's notice).
PUBLIC = (
    ("GET", "/v1/clinics"),
    ("GET", "/v1/clinics/{hsa_id}"),
    ("GET", "/v1/clinics/{hsa_id}/time-types"),
    ("GET", "/v1/time-types/{code}"),
    ("GET", "/v1/guide"),
    ("GET", "/v1/web-booking-closures"),
    ("GET", "/v1/slots"),
)


def create_app(settings: BookingSettings | None = None, *, eligibility: Eligibility | None = None) -> FastAPI:
    settings = settings or BookingSettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    sessionmaker = make_sessionmaker(engine)
    waiter = StatusWaiter(settings.database_url)
    messaging = Messaging(
        settings=settings,
        service=SERVICE,
        engine=engine,
        sessionmaker=sessionmaker,
        owners=OWNER_OF_TYPE,
        subscriptions=SUBSCRIPTIONS,
    )
    # VAS results and schedule changes only touch booking's database: handled in batches.
    messaging.consumer("vas-results", VAS_RESULTS, batch_size=settings.consumer_batch_size)
    messaging.consumer("schedule", SCHEDULE, batch_size=settings.consumer_batch_size)
    messaging.consumer("eligibility-commands", ELIGIBILITY_COMMANDS)
    rpc = _eligibility(settings) if eligibility is None else None
    state = BookingApp(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        verifier=verifier_from(settings),
        waiter=waiter,
        eligibility=eligibility or rpc or ClosedEligibility(),
        limiter=RateLimiter(per_minute=settings.attempts_per_minute, burst=settings.attempts_burst),
        outbox_committed=messaging.relay.wake,
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

    app = build_app(
        settings=settings,
        title="Tidbok booking API",
        description="Web booking of healthcare appointments (Tidbok). Errors are RFC 9457 problem+json "
        "with a stable `code`.",
        routers=[catalogue.router, slots.router, appointments.router, staff.router, staff_link.router],
        checks=[database_check(engine), *messaging.readiness_checks(), _listener(waiter)],
        lifespan=lifespan,
        verifier=state.verifier,
        public=PUBLIC,
        catalogues=[BookingCode],
        admission=Admission(max_in_flight=settings.max_in_flight, queue_timeout_s=settings.admission_timeout_s),
    )
    app.state.booking = state
    app.state.messaging = messaging
    app.state.guide = load_guide(DEMO / "guide.yaml")

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
    run_service(create_app, BookingSettings)


if __name__ == "__main__":
    main()
