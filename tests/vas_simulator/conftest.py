"""Fixtures of the vas_simulator tests (their helpers: tests/support/vas_simulator.py)."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from services.vas_simulator.main import create_app
from services.vas_simulator.settings import VasSettings
from shared.migrations import upgrade
from tests.support.infra import Infra
from tests.support.vas_simulator import Vas, new_clinic


@pytest.fixture(scope="session")
def vas_settings(infra: Infra) -> VasSettings:
    name = asyncio.run(infra.create_database("vas_simulator"))
    url = infra.database_url(name)
    upgrade("vas_simulator", url)
    return VasSettings(environment="test", database_url=url, fault_hang_s=2.0, fault_cache_s=0.0, db_pool_size=20)


@pytest_asyncio.fixture
async def vas(vas_settings: VasSettings) -> AsyncIterator[Vas]:
    app = create_app(vas_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://vas") as client:
            await client.delete("/admin/faults")
            yield Vas(app, client, new_clinic())
            await client.delete("/admin/faults")
