"""What the booking tests share (their fixtures: tests/booking/conftest.py)."""

import asyncio
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import aio_pika
import httpx
import pytest
import pytest_asyncio
import sqlalchemy as sa
from fastapi import FastAPI

from clients.booking.client import Client
from services.booking.adapters.catalogue_loader import load_catalogue
from services.booking.adapters.tables import slots
from services.booking.domain.eligibility import Decision, Eligibility, EligibilityQuestion
from services.booking.main import create_app
from services.booking.settings import BookingSettings
from shared.contracts.schedule import SlotPublished
from shared.db import make_engine
from shared.messaging.envelope import Envelope
from shared.messaging.topology import declare_events_exchange
from shared.migrations import upgrade
from tests.support.broker import OwnerPublisher
from tests.support.infra import Infra
from tests.support.people import personnummer
from tests.support.waiting import wait_for

DEMO = Path("services/booking/demo")


# Building a TLS context costs ~0.2 s here; one for the whole run keeps logins cheap.
_TLS = httpx.create_ssl_context()


@dataclass
class BookingEnv:
    settings: BookingSettings
    idp_url: str


VAS_STANDIN_QUEUE = "vas-standin"


async def bind_vas_standin(amqp_url: str, namespace: str) -> None:
    """Until a test plays VAS sync itself, appointment events land here (unroutable otherwise)."""
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        exchange = await declare_events_exchange(channel, namespace)
        queue = await channel.declare_queue(
            f"{namespace}.{VAS_STANDIN_QUEUE}", durable=True, arguments={"x-queue-type": "quorum"}
        )
        await queue.bind(exchange, routing_key="appointment.*")
    finally:
        await connection.close()


class Api:
    """A client of the running booking app, with helpers to log in and to publish times."""

    def __init__(self, app: FastAPI, env: BookingEnv, client: httpx.AsyncClient, publisher: OwnerPublisher) -> None:
        self.app = app
        self.env = env
        self.http = client
        self.publisher = publisher
        self.engine = app.state.booking.engine
        # The typed client generated from the OpenAPI document (clients/booking), on the same app.
        self.client = Client(base_url=str(client.base_url)).set_async_httpx_client(client)

    async def token(self, **claims: object) -> str:
        async with httpx.AsyncClient(base_url=self.env.idp_url, verify=_TLS) as idp:
            response = await idp.post("/token", json=claims)
            response.raise_for_status()
            return str(response.json()["access_token"])

    async def resident(self, pnr: str | None = None) -> tuple[str, dict[str, str]]:
        pnr = pnr or personnummer()
        token = await self.token(personnummer=pnr, given_name="Tolvan", family_name="Tolvansson")
        return pnr, {"Authorization": f"Bearer {token}"}

    async def staff(
        self, *, roles: list[str], clinics: list[str], hsa_id: str = "SE2321000115-E1001"
    ) -> dict[str, str]:
        token = await self.token(hsa_id=hsa_id, roles=roles, clinics=clinics)
        return {"Authorization": f"Bearer {token}"}

    async def publish_slots(self, *slot_events: SlotPublished) -> None:
        await asyncio.gather(*(self.publisher.publish(Envelope.wrap(e)) for e in slot_events))
        ids = [e.slot_id for e in slot_events]

        async def all_there() -> bool:
            async with self.engine.connect() as conn:
                found = await conn.scalar(sa.select(sa.func.count()).where(slots.c.id.in_(ids)))
            return bool(found == len(ids))

        await wait_for(all_there, timeout=30, interval=0.05)

    async def new_slots(
        self,
        n: int = 1,
        *,
        clinic: str = "SE2321000115-O10001",
        time_type: str = "nurse-visit",
        start: datetime | None = None,
        length_min: int = 20,
        gap_min: int = 30,
    ) -> list[str]:
        first = start or (datetime.now().astimezone() + timedelta(days=3))
        events = [
            SlotPublished(
                slot_id=f"t-{uuid.uuid4().hex[:12]}",
                clinic_hsa_id=clinic,
                time_type_code=time_type,
                start=first + timedelta(minutes=i * gap_min),
                end=first + timedelta(minutes=i * gap_min + length_min),
            )
            for i in range(n)
        ]
        await self.publish_slots(*events)
        return [e.slot_id for e in events]


class FakeEligibility:
    """Stands in for the eligibility service: answers `decision`, remembers every question."""

    def __init__(self) -> None:
        self.decision = Decision(eligible=True, reason="TEST_ELIGIBLE", rule_version="test-1")
        self.questions: list[EligibilityQuestion] = []

    async def decide(self, question: EligibilityQuestion) -> Decision:
        self.questions.append(question)
        return self.decision


@dataclass
class EligibilityApi:
    api: Api
    eligibility: FakeEligibility


async def running_api(env: BookingEnv, eligibility: Eligibility | None = None) -> AsyncGenerator[Api, None]:
    app = create_app(env.settings, eligibility=eligibility)
    publisher = OwnerPublisher(env.settings.amqp_url, namespace=env.settings.namespace)
    async with app.router.lifespan_context(app):
        messaging = app.state.messaging

        async def consuming() -> bool:
            return messaging.host is not None and messaging.host.ready

        await wait_for(consuming, timeout=30, interval=0.02)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://booking") as client:
            yield Api(app, env, client, publisher)
    await publisher.close()


# The booking service's fixtures, here so other suites (notifications' end-to-end test) can use them.
@pytest.fixture(scope="session")
def booking_env(infra: Infra, idp_url: str) -> BookingEnv:
    """One migrated, catalogue-loaded database and one namespace for the booking tests."""
    name = asyncio.run(infra.create_database("booking"))
    url = infra.database_url(name)
    upgrade("booking", url)

    async def seed() -> None:
        engine = make_engine(url)
        await load_catalogue(engine, DEMO)
        await engine.dispose()

    asyncio.run(seed())
    asyncio.run(bind_vas_standin(infra.amqp_url, f"tb{infra.run_id}"))
    settings = BookingSettings(
        environment="test",
        database_url=url,
        amqp_url=infra.amqp_url_for("booking"),
        namespace=f"tb{infra.run_id}",
        jwks_url=f"{idp_url}/.well-known/jwks.json",
        token_issuer=idp_url,
        retry_delays_s=(1, 2),
        outbox_poll_interval_s=0.2,
        db_pool_size=30,
    )
    return BookingEnv(settings=settings, idp_url=idp_url)


@pytest_asyncio.fixture
async def api(booking_env: BookingEnv) -> AsyncIterator[Api]:
    async for value in running_api(booking_env):
        yield value
