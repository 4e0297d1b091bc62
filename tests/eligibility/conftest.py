"""Fixtures of the eligibility tests (their helpers: tests/support/eligibility.py)."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from services.booking.adapters.catalogue_loader import load_catalogue
from services.booking.settings import BookingSettings
from services.eligibility.settings import EligibilitySettings
from shared.db import make_engine
from shared.migrations import upgrade
from tests.support.booking import DEMO, Api, BookingEnv, running_api
from tests.support.eligibility import Env, System, campaign, start_eligibility
from tests.support.infra import Infra


@pytest.fixture(scope="session")
def env(infra: Infra, idp_url: str) -> Env:
    namespace = f"te{infra.run_id}"
    booking_url = infra.database_url(asyncio.run(infra.create_database("elig_booking")))
    eligibility_url = infra.database_url(asyncio.run(infra.create_database("eligibility")))
    upgrade("booking", booking_url)
    upgrade("eligibility", eligibility_url)

    async def seed() -> None:
        engine = make_engine(booking_url)
        await load_catalogue(engine, DEMO)
        await engine.dispose()

    asyncio.run(seed())
    common: dict[str, Any] = {
        "environment": "test",
        "namespace": namespace,
        "jwks_url": f"{idp_url}/.well-known/jwks.json",
        "token_issuer": idp_url,
        "retry_delays_s": (1, 2),
        "outbox_poll_interval_s": 0.2,
    }
    booking = BookingSettings(
        database_url=booking_url,
        amqp_url=infra.amqp_url_for("booking"),
        eligibility_mode="rpc",
        eligibility_timeout_s=1.5,
        **common,
    )
    eligibility = EligibilitySettings(
        database_url=eligibility_url, amqp_url=infra.amqp_url_for("eligibility"), **common
    )
    return Env(BookingEnv(settings=booking, idp_url=idp_url), eligibility)


@pytest_asyncio.fixture
async def system(env: Env) -> AsyncIterator[System]:
    async for app, client in start_eligibility(env.eligibility):
        async for api in running_api(env.booking):
            value = System(api, app, client)
            await value.put_campaign(campaign())
            yield value


@pytest_asyncio.fixture
async def booking_alone(env: Env) -> AsyncIterator[Api]:
    """Booking in rpc mode with no eligibility service running."""
    async for api in running_api(env.booking):
        yield api
