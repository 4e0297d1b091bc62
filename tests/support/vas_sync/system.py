"""The booking service and VAS sync together against the simulator: the whole path of a booking."""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import sqlalchemy as sa

from clients.booking.api.appointments import create, get_one
from clients.booking.models import AppointmentAnswer, BookingRequest
from services.booking.adapters.catalogue_loader import load_catalogue
from services.booking.adapters.tables import slots
from services.booking.settings import BookingSettings
from services.vas_sync.settings import VasSyncSettings
from shared.db import make_engine
from shared.migrations import upgrade
from tests.support.booking import DEMO, Api, BookingEnv, running_api
from tests.support.booking.helpers import HOME_CLINIC, NURSE_CONDITIONS
from tests.support.infra import Infra
from tests.support.vas_sync.harness import Sim, running_sync
from tests.support.waiting import wait_for


@dataclass
class System:
    api: Api
    sim: Sim
    sync: httpx.AsyncClient | None
    sync_settings: VasSyncSettings

    async def vas_slots(self, n: int = 1, *, start: datetime | None = None) -> list[str]:
        """Free times published in VAS, once they reached the booking service's replica."""
        ids = await self.sim.new_slots(n, start=start, clinic=HOME_CLINIC)
        await self.replica_has(ids)
        return ids

    async def replica_has(self, ids: list[str], status: str | None = None) -> None:
        async def there() -> bool:
            query = sa.select(sa.func.count()).where(slots.c.id.in_(ids))
            if status:
                query = query.where(slots.c.status == status)
            async with self.api.engine.connect() as conn:
                return bool(await conn.scalar(query) == len(ids))

        await wait_for(there, timeout=30, interval=0.05)

    async def replica_free_none_of(self, ids: list[str]) -> None:
        async def none_free() -> bool:
            query = sa.select(sa.func.count()).where(slots.c.id.in_(ids), slots.c.status.in_(("free", "held")))
            async with self.api.engine.connect() as conn:
                return bool(await conn.scalar(query) == 0)

        await wait_for(none_free, timeout=30, interval=0.05)

    async def book(self, headers: dict[str, str], slot_id: str) -> dict[str, Any]:
        """A web booking through the typed client generated from the OpenAPI document."""
        answer = await create.asyncio_detailed(
            client=self.api.client,
            body=BookingRequest(slot_id=slot_id, confirmed_conditions=NURSE_CONDITIONS),
            idempotency_key=str(uuid.uuid4()),
            authorization=headers["Authorization"],
        )
        assert isinstance(answer.parsed, AppointmentAnswer), answer.content
        return answer.parsed.to_dict()

    async def status_of(self, headers: dict[str, str], appointment_id: str) -> str:
        answer = await get_one.asyncio_detailed(
            uuid.UUID(appointment_id), client=self.api.client, authorization=headers["Authorization"]
        )
        assert isinstance(answer.parsed, AppointmentAnswer), answer.content
        return answer.parsed.status.value

    async def becomes(self, headers: dict[str, str], appointment_id: str, status: str, timeout: float = 30) -> None:
        async def reached() -> bool:
            return await self.status_of(headers, appointment_id) == status

        await wait_for(reached, timeout=timeout, interval=0.05)


async def booking_env(infra: Infra, idp_url: str, namespace: str) -> BookingEnv:
    name = await infra.create_database(f"booking_{uuid.uuid4().hex[:8]}")
    url = infra.database_url(name)
    await asyncio.to_thread(upgrade, "booking", url)
    engine = make_engine(url)
    await load_catalogue(engine, DEMO)
    await engine.dispose()
    settings = BookingSettings(
        environment="test",
        database_url=url,
        amqp_url=infra.amqp_url_for("booking"),
        namespace=namespace,
        jwks_url=f"{idp_url}/.well-known/jwks.json",
        token_issuer=idp_url,
        retry_delays_s=(1, 2, 5),
        outbox_poll_interval_s=0.2,
        db_pool_size=30,
    )
    return BookingEnv(settings=settings, idp_url=idp_url)


@asynccontextmanager
async def running_system(
    env: BookingEnv, sim: Sim, sync_settings: VasSyncSettings, *, with_sync: bool = True
) -> AsyncIterator[System]:
    """Booking (and, unless `with_sync` is off, VAS sync) running in this process."""
    async with contextlib.aclosing(running_api(env)) as apis:
        api = await anext(apis)
        if not with_sync:
            yield System(api, sim, None, sync_settings)
            return
        async with running_sync(sync_settings) as (_, client):
            yield System(api, sim, client, sync_settings)
