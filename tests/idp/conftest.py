"""Fixtures of the idp tests (their helpers: tests/support/idp.py)."""

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from services.idp.main import create_app
from services.idp.settings import IdpSettings
from tests.support.idp import ISSUER


@pytest.fixture(scope="module")
def settings() -> IdpSettings:
    return IdpSettings(environment="test", issuer=ISSUER)


@pytest.fixture(scope="module")
def app(settings: IdpSettings) -> FastAPI:
    return create_app(settings)


@pytest_asyncio.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=ISSUER) as client:
        yield client
