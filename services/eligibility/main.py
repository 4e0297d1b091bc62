"""The eligibility service: admin API (campaigns, registers, invitations, follow-ups) on port
8001, decisions answered over RabbitMQ, booking's appointment events consumed."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from services.eligibility.adapters.campaign_repo import CampaignCache
from services.eligibility.adapters.rpc_server import DecisionServer
from services.eligibility.api import campaigns, follow_ups, invitations, registers
from services.eligibility.api.deps import EligibilityApp
from services.eligibility.handlers.appointments import APPOINTMENTS
from services.eligibility.handlers.decisions import answer
from services.eligibility.settings import EligibilitySettings
from shared.auth import TokenVerifier
from shared.contracts.eligibility import DecideEligibility, EligibilityDecided
from shared.db import make_engine, make_sessionmaker
from shared.health import ReadinessCheck, database_check, health_router
from shared.http import CorrelationIdMiddleware, UnexpectedErrorMiddleware
from shared.logging import configure_logging
from shared.messaging.runtime import Messaging
from shared.problems import install_problem_handlers

SERVICE = "eligibility"


def create_app(settings: EligibilitySettings | None = None) -> FastAPI:
    settings = settings or EligibilitySettings()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    messaging = Messaging(settings=settings, service=SERVICE, engine=engine, sessionmaker=make_sessionmaker(engine))
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

    app = FastAPI(
        title="Tidbok eligibility API",
        description="Campaign rules, registers, invitations and the follow-up list. Decisions are "
        "answered over RabbitMQ. Errors are RFC 9457 problem+json with a stable `code`.",
        version="1.0",
        lifespan=lifespan,
    )
    app.state.eligibility = EligibilityApp(
        settings=settings,
        engine=engine,
        verifier=TokenVerifier(
            jwks_url=settings.jwks_url, issuer=settings.token_issuer, audience=settings.token_audience
        ),
    )
    app.state.messaging = messaging
    app.state.decisions = server
    install_problem_handlers(app)
    for router in (campaigns.router, registers.router, invitations.router, follow_ups.router):
        app.include_router(router)

    async def decisions_attached() -> tuple[bool, str]:
        return server.attached, "ok" if server.attached else "not attached"

    checks = [database_check(engine), *messaging.readiness_checks(), ReadinessCheck("decisions", decisions_attached)]
    app.include_router(health_router(checks))
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(CorrelationIdMiddleware)
    return app


def main() -> None:
    settings = EligibilitySettings()
    configure_logging(SERVICE, settings.log_level)
    uvicorn.run(
        create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False, lifespan="on"
    )


if __name__ == "__main__":
    main()
