"""The eligibility service: admin API (campaigns, registers, invitations, follow-ups) on port
8001, decisions answered over RabbitMQ, booking's appointment events consumed."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.eligibility.adapters.campaign_repo import CampaignCache
from services.eligibility.adapters.rpc_server import DecisionServer
from services.eligibility.api import campaigns, follow_ups, invitations, registers
from services.eligibility.domain.errors import EligibilityCode
from services.eligibility.handlers.appointments import APPOINTMENTS
from services.eligibility.settings import EligibilitySettings
from services.eligibility.state import EligibilityApp
from services.eligibility.usecases.decide import answer
from shared.auth import verifier_from
from shared.contracts.eligibility import DecideEligibility, EligibilityDecided
from shared.contracts.owners import OWNER_OF_TYPE
from shared.contracts.subscriptions import SUBSCRIPTIONS
from shared.db import make_engine, make_sessionmaker
from shared.health import ReadinessCheck, database_check
from shared.messaging.runtime import Messaging
from shared.web.app import build_app, run_service

SERVICE = "eligibility"


def create_app(settings: EligibilitySettings | None = None) -> FastAPI:
    settings = settings or EligibilitySettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    messaging = Messaging(
        settings=settings,
        service=SERVICE,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        owners=OWNER_OF_TYPE,
        subscriptions=SUBSCRIPTIONS,
    )
    messaging.consumer("appointments", APPOINTMENTS, batch_size=settings.consumer_batch_size)
    cache = CampaignCache()

    async def decide(question: DecideEligibility) -> EligibilityDecided:
        return await answer(engine, cache, question)

    server = DecisionServer(
        amqp_url=settings.amqp_url,
        namespace=settings.namespace,
        answer=decide,
        prefetch=settings.decision_prefetch,
        heartbeat_s=settings.heartbeat_s,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await messaging.start()
        serving = asyncio.create_task(server.run(), name="eligibility-decisions")
        try:
            yield
        finally:
            serving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await serving
            await messaging.stop()
            await engine.dispose()

    state = EligibilityApp(settings=settings, engine=engine, verifier=verifier_from(settings))

    async def decisions_attached() -> tuple[bool, str]:
        return server.attached, "ok" if server.attached else "not attached"

    app = build_app(
        settings=settings,
        title="Tidbok eligibility API",
        description="Campaign rules, registers, invitations and the follow-up list. Decisions are "
        "answered over RabbitMQ. Errors are RFC 9457 problem+json with a stable `code`.",
        routers=[campaigns.router, registers.router, invitations.router, follow_ups.router],
        checks=[
            database_check(engine),
            *messaging.readiness_checks(),
            ReadinessCheck("decisions", decisions_attached),
        ],
        lifespan=lifespan,
        verifier=state.verifier,
        catalogues=[EligibilityCode],
        # Register and invitation files (CSV) may be larger than other bodies.
        larger_bodies={r"^/v1/(registers/|campaigns/[^/]+/phases/[^/]+/invitations$)": settings.max_import_bytes},
    )
    app.state.eligibility = state
    app.state.messaging = messaging
    app.state.decisions = server
    return app


def main() -> None:
    run_service(create_app, EligibilitySettings)


if __name__ == "__main__":
    main()
