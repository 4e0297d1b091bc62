"""The ops console over the real broker (with its management API) and a database of its own."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from fastapi import FastAPI

from services.ops_console.main import create_app
from services.ops_console.settings import OpsConsoleSettings
from shared.migrations import upgrade
from tests.support.infra import Infra
from tests.support.ops_console import console_settings as console_settings_for


@pytest_asyncio.fixture
async def console_settings(infra: Infra, namespace: str) -> OpsConsoleSettings:
    name = await infra.create_database(f"ops_console_{uuid.uuid4().hex[:8]}")
    url = infra.database_url(name)
    await asyncio.to_thread(upgrade, "ops_console", url)
    return console_settings_for(infra, namespace, url)


@pytest_asyncio.fixture
async def console_app(console_settings: OpsConsoleSettings) -> AsyncIterator[FastAPI]:
    app = create_app(console_settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture
async def http(console_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=console_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        yield client
