"""VAS sync: applies appointment events to VAS, follows VAS's change feed, reconciles."""

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.vas_sync.adapters.breaker import CircuitBreaker
from services.vas_sync.adapters.guarded import GuardedVas
from services.vas_sync.adapters.sync_rows import DriverSyncRows
from services.vas_sync.adapters.vas_crm import CrmVas
from services.vas_sync.adapters.vas_crm_port import CrmSchedule
from services.vas_sync.adapters.vas_http import HttpVas
from services.vas_sync.api import ops
from services.vas_sync.domain.days import upcoming_days
from services.vas_sync.domain.vas_port import VasSchedule
from services.vas_sync.feed.follower import FeedFollower
from services.vas_sync.feed.poller import SlotPoller, Window
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
    guarded = GuardedVas(vas or vas_from(settings), breaker)
    messaging = Messaging(
        settings=settings,
        service=SERVICE,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        owners=OWNER_OF_TYPE,
        subscriptions=SUBSCRIPTIONS,
    )
    # The units polled and looked at for residents (one list: discovered at start when not set).
    units = [] if guarded.has_feed else [u.upper() for u in settings.vas_crm_units]
    consumer = messaging.consumer(
        "appointments",
        appointment_handlers(guarded, attempts=settings.vas_attempts, rows=DriverSyncRows(engine), units=units),
        gate=breaker.gate,
    )
    replica: FeedFollower | SlotPoller
    if guarded.has_feed:
        replica = FeedFollower(
            engine=engine,
            vas=guarded,
            namespace=settings.namespace,
            page_size=settings.feed_page_size,
            poll_interval_s=settings.feed_poll_interval_s,
        )
    else:
        replica = SlotPoller(
            engine=engine,
            vas=guarded,
            namespace=settings.namespace,
            units=units,
            windows=[
                Window("near", 0, settings.poll_near_days - 1, settings.poll_near_interval_s),
                Window("far", settings.poll_near_days, settings.poll_far_days, settings.poll_far_interval_s),
            ],
            calls_per_unit_per_minute=settings.poll_calls_per_unit_per_minute,
        )
    reconciler = Reconciler(engine=engine, vas=guarded, namespace=settings.namespace)
    state = VasSyncApp(settings, engine, guarded, breaker, replica, reconciler, consumer, verifier_from(settings))

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
            asyncio.create_task(
                replica.run() if isinstance(replica, FeedFollower) else replica.run(_discovery(guarded, settings)),
                name="vas-feed" if guarded.has_feed else "vas-poll",
            ),
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
        checks=[database_check(engine), *messaging.readiness_checks(), _feed(replica)],
        lifespan=lifespan,
        verifier=state.verifier,
    )
    app.state.vas_sync = state
    app.state.messaging = messaging
    return app


def vas_from(settings: VasSyncSettings) -> VasSchedule:
    if settings.vas_protocol == "simulator-api":
        return HttpVas(settings.vas_url, timeout_s=settings.vas_timeout_s, max_connections=settings.vas_max_connections)
    client = CrmVas.templated(
        settings.vas_crm_endpoint,
        settings.vas_crm_endpoints,
        timeout_s=settings.vas_timeout_s,
        max_connections=settings.vas_max_connections,
        ssl_context=_tls(settings),
    )
    return CrmSchedule(client, actor_hsa_id=settings.vas_crm_actor_hsa_id, poll_subject=settings.vas_crm_poll_subject)


def _discovery(guarded: GuardedVas, settings: VasSyncSettings) -> Callable[[], Awaitable[list[str]]] | None:
    crm = guarded.vas
    if not isinstance(crm, CrmSchedule):
        return None

    async def units() -> list[str]:
        return await crm.units(settings.vas_crm_care_giver)

    return units


def _tls(settings: VasSyncSettings) -> ssl.SSLContext | None:
    """Mutual TLS (RIV-TA): our certificate and key, and the platform's CA when not the system's."""
    if not (settings.vas_crm_cert_file or settings.vas_crm_ca_file):
        return None
    context = ssl.create_default_context(cafile=settings.vas_crm_ca_file)
    if settings.vas_crm_cert_file:
        context.load_cert_chain(settings.vas_crm_cert_file, settings.vas_crm_key_file)
    return context


def _feed(replica: FeedFollower | SlotPoller) -> ReadinessCheck:
    """Ready once VAS's schedule has been read once (VAS down keeps the service alive, not ready)."""

    async def check() -> tuple[bool, str]:
        return replica.last_poll_at is not None, "ok" if replica.last_poll_at else "VAS's schedule not read yet"

    return ReadinessCheck("vas_feed", check)


def main() -> None:
    run_service(create_app, VasSyncSettings)


if __name__ == "__main__":
    main()
