"""When RabbitMQ's management API does not answer, the console says so: problem+json 503 from the
JSON API, a banner on the pages (not the last good figures as if they were now)."""

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from services.ops_console.main import create_app
from services.ops_console.settings import OpsConsoleSettings
from tests.support.idp import staff_headers
from tests.support.servers import free_port

OPS = staff_headers("operations")


@pytest_asyncio.fixture
async def away(console_settings: OpsConsoleSettings) -> AsyncIterator[httpx.AsyncClient]:
    settings = console_settings.model_copy(update={"rabbitmq_api_url": f"http://127.0.0.1:{free_port()}"})
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://c") as client:
        yield client


async def test_the_api_answers_503_and_the_pages_say_the_figures_are_missing(away: httpx.AsyncClient) -> None:
    for path in ("/api/queues", "/api/failed", "/api/flow"):
        answer = await away.get(path, headers=OPS)
        assert answer.status_code == 503, (path, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["code"] == "SERVICE_UNAVAILABLE"
    for path in ("/", "/queues", "/failed"):
        page = await away.get(path, headers=OPS)
        assert page.status_code == 503 and "RabbitMQ" in page.text, path
        fragment = await away.get(path, headers={**OPS, "x-fragment": "1"})
        assert fragment.status_code == 503 and 'role="alert"' in fragment.text, path
