"""VAS sync: applies appointment events to VAS, follows VAS's change feed, reconciles."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.vas_sync.adapters.breaker import CircuitBreaker
from services.vas_sync.adapters.guarded import GuardedVas
from services.vas_sync.adapters.vas_http import HttpVas
from services.vas_sync.api import ops
from services.vas_sync.domain.days import upcoming_days
from services.vas_sync.domain.vas_port import VasSchedule
from services.vas_sync.feed.follower import FeedFollower
from services.vas_sync.handlers.appointments import appointment_handlers
from services.vas_sync.reconcile.run import Reconciler, ReconciliationRunning
from services.vas_sync.settings import VasSyncSettings
from services.vas_sync.state import VasSyncApp
from shared.auth import verifier_from
from shared.contracts.owners import OWNER_OF_TYPE
from shared.contracts.subscriptions import SUBSCRIPTIONS
from shared.db import make_engine, make_sessionmaker
from shared.health import ReadinessCheck, database_check
from shared.logging import get_logger
from shared.messaging.runtime import Messaging
from shared.web.app import build_app, run_service

SERVICE = "vas_sync"
log = get_logger(__name__)


def create_app(settings: VasSyncSettings | None = None, *, vas: VasSchedule | None = None) -> FastAPI:
    settings = settings or VasSyncSettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    breaker = CircuitBreaker(
        failure_threshold=settings.breaker_failure_threshold, probe_interval_s=settings.breaker_probe_interval_s
    )
    guarded = GuardedVas(
        vas
        or HttpVas(settings.vas_url, timeout_s=settings.vas_timeout_s, max_connections=settings.vas_max_connections),
        breaker,
    )
    messaging = Messaging(
        settings=settings,
        service=SERVICE,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        owners=OWNER_OF_TYPE,
        subscriptions=SUBSCRIPTIONS,
    )
    consumer = messaging.consumer(
        "appointments", appointment_handlers(guarded, attempts=settings.vas_attempts), gate=breaker.gate
    )
    follower = FeedFollower(
        engine=engine,
        vas=guarded,
        namespace=settings.namespace,
        page_size=settings.feed_page_size,
        poll_interval_s=settings.feed_poll_interval_s,
    )
    reconciler = Reconciler(engine=engine, vas=guarded, namespace=settings.namespace)
    state = VasSyncApp(settings, engine, guarded, breaker, follower, reconciler, consumer, verifier_from(settings))

    async def reconcile_periodically() -> None:
        while True:
            await asyncio.sleep(settings.reconcile_interval_s)
            try:
                await reconciler.run(trigger="periodic", days=upcoming_days(settings.reconcile_days))
            except ReconciliationRunning:
                pass  # one asked for by hand is under way
            except Exception as exc:  # noqa: BLE001 - e.g. the database away: the next period tries again
                log.warning("periodic_reconciliation_failed", error=type(exc).__name__)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await messaging.start()
        tasks = [
            asyncio.create_task(follower.run(), name="vas-feed"),
            asyncio.create_task(reconcile_periodically(), name="reconciliation"),
        ]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await messaging.stop()
            await guarded.close()
            await engine.dispose()

    app = build_app(
        settings=settings,
        title="Tidbok VAS sync",
        description="Ops API of VAS synchronisation (staff token with the `operations` role).",
        routers=[ops.router],
        checks=[database_check(engine), *messaging.readiness_checks(), _feed(follower)],
        lifespan=lifespan,
        verifier=state.verifier,
    )
    app.state.vas_sync = state
    app.state.messaging = messaging
    return app


def _feed(follower: FeedFollower) -> ReadinessCheck:
    """Ready once the change feed has been read (VAS down keeps the service alive, not ready for it)."""

    async def check() -> tuple[bool, str]:
        return follower.last_poll_at is not None, "ok" if follower.last_poll_at else "change feed not read yet"

    return ReadinessCheck("vas_feed", check)


def main() -> None:
    run_service(create_app, VasSyncSettings)


if __name__ == "__main__":
    main()
