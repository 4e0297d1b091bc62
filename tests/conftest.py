"""Session-wide access to the real PostgreSQL and RabbitMQ (see tests/support/infra.py).

The support modules are imported inside the fixtures: the unit tests (tests/unit) start without
the broker client, the database drivers or the development IdP."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from tests.support.idp import DevIdp
    from tests.support.infra import Infra

_STARTED: list[Infra] = []


@pytest.fixture(scope="session")
def infra() -> Iterator[Infra]:
    from tests.support.infra import ServiceUnavailable, connect_infra, teardown_infra

    try:
        value = connect_infra()
    except ServiceUnavailable as exc:
        pytest.fail(f"Integration tests need the real services:\n{exc}", pytrace=False)
    _STARTED.append(value)
    yield value
    teardown_infra(value)


@pytest.fixture(scope="module", autouse=True)
def _idle_queues_deleted(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each module that used the broker, its tests' queues go (see `delete_idle_queues`)."""
    yield
    if _STARTED and _used_infra(request):
        from tests.support.infra import delete_idle_queues

        delete_idle_queues(_STARTED[0])


def _used_infra(request: pytest.FixtureRequest) -> bool:
    return any(
        "infra" in getattr(item, "fixturenames", ())
        for item in request.session.items
        if getattr(item, "module", None) is request.module
    )


@pytest.fixture(scope="session")
def dev_idp() -> Iterator[DevIdp]:
    """The development IdP on a real port (services fetch its JWKS over HTTP, as in production)."""
    from tests.support.idp import stop_the_idp, the_idp

    yield the_idp()
    stop_the_idp()


@pytest.fixture(scope="session")
def idp_url(dev_idp: DevIdp) -> str:
    return dev_idp.url


@pytest.fixture
def namespace() -> str:
    """Exchange/queue name prefix of one test."""
    return f"t{uuid.uuid4().hex[:10]}"


@pytest_asyncio.fixture
async def messaging_db(infra: Infra) -> AsyncIterator[tuple[str, AsyncEngine]]:
    """A fresh database with the outbox/inbox tables and a table of handler effects."""
    from shared.db import make_engine
    from tests.support.toolkit.effects import create_schema

    name = await infra.create_database(f"msg_{uuid.uuid4().hex[:8]}")
    url = infra.database_url(name)
    engine = make_engine(url, pool_size=20, max_overflow=20)
    await create_schema(engine)
    yield url, engine
    await engine.dispose()
