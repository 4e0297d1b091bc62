"""Pieces the VAS sync tests share: the simulator on a real port, a migrated vas_sync database
whose feed cursor starts at the simulator's present, and an observer queue on every event."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aio_pika
import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from services.vas_sync.adapters.tables import feed_cursor
from services.vas_sync.main import create_app
from services.vas_sync.settings import VasSyncSettings
from shared.crm_scheduling import messages as m
from shared.crm_scheduling.slot_ids import slot_id as crm_slot_id
from shared.db import make_engine
from shared.messaging.topology import declare_events_exchange
from shared.migrations import upgrade
from tests.support.idp import staff_headers, the_idp
from tests.support.infra import Infra
from tests.support.vas_simulator import add_timeslot_items
from tests.support.waiting import consumers_ready, wait_for


@dataclass
class Sim:
    """A client of the VAS simulator as clinic staff and tests use it."""

    url: str
    http: httpx.AsyncClient
    clinic: str = field(default_factory=lambda: f"SE2321000115-S{uuid.uuid4().hex[:8].upper()}")
    # How VAS sync names the simulator's times: its own ids, or crm:scheduling's (our ids for them).
    protocol: str = "simulator-api"
    _ours: dict[str, str] = field(default_factory=dict)
    _theirs: dict[str, str] = field(default_factory=dict)

    async def new_slots(
        self, n: int = 1, *, start: datetime | None = None, time_type: str = "nurse-visit", clinic: str | None = None
    ) -> list[str]:
        """New free times, by the ids VAS sync and booking know them by under `protocol`."""
        items = await add_timeslot_items(self.http, clinic or self.clinic, n, start=start, time_type=time_type)
        ids = []
        for item in items:
            ours = item["id"]
            if self.protocol == "crm-scheduling":
                ours = crm_slot_id(
                    m.Timeslot(
                        healthcare_facility=item["clinic_hsa_id"],
                        start=datetime.fromisoformat(item["start"]),
                        end=datetime.fromisoformat(item["end"]),
                        performer=item.get("practitioner_id"),
                        time_type_id=item["time_type_code"],
                    )
                )
            self._ours[item["id"]], self._theirs[ours] = ours, item["id"]
            ids.append(ours)
        return ids

    def vas_id(self, slot: str) -> str:
        """The simulator's own id of a time (for its API, as clinic staff use it)."""
        return self._theirs.get(slot, slot)

    def our_id(self, vas_id: str) -> str:
        return self._ours.get(vas_id, vas_id)

    async def booked_for(self, subject: str, clinic: str | None = None) -> list[dict[str, Any]]:
        """The resident's booked appointments at the clinic (every protocol keeps the resident)."""
        response = await self.http.post(
            "/api/appointments/search",
            json={"clinic_hsa_id": clinic or self.clinic, "from": "2000-01-01T00:00:00+00:00"},
        )
        response.raise_for_status()
        return [a for a in response.json()["items"] if a["subject"] == subject and a["status"] == "booked"]

    async def by_reference(self, reference: str) -> list[dict[str, Any]]:
        response = await self.http.get("/api/appointments", params={"reference": reference})
        response.raise_for_status()
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def booked(self, reference: str) -> list[dict[str, Any]]:
        return [a for a in await self.by_reference(reference) if a["status"] == "booked"]

    async def faults(self, **fault: Any) -> None:
        response = await (self.http.post("/admin/faults", json=fault) if fault else self.http.delete("/admin/faults"))
        response.raise_for_status()

    async def last_seq(self) -> int:
        after = 0
        while True:
            page = (await self.http.get("/changes", params={"after": after, "limit": 1000})).json()
            if not page["items"]:
                return after
            after = page["next_after"]


def protocol_settings(protocol: str, units: list[str]) -> dict[str, Any]:
    """VAS sync on the simulator's crm:scheduling stand-in, polling `units` quickly (for tests)."""
    if protocol != "crm-scheduling":
        return {}
    return {
        "vas_protocol": "crm-scheduling",
        "vas_crm_units": units,
        "poll_near_days": 7,
        "poll_near_interval_s": 0.3,
        "poll_far_interval_s": 5.0,
        "poll_calls_per_unit_per_minute": 1000,
    }


def sync_settings(infra: Infra, database_url: str, namespace: str, vas_url: str, **extra: Any) -> VasSyncSettings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": database_url,
        "amqp_url": infra.amqp_url_for("vas_sync"),
        "namespace": namespace,
        "vas_url": vas_url,
        "vas_crm_endpoint": f"{vas_url}/crm-scheduling/{{operation}}",
        "vas_timeout_s": 1.0,
        "retry_delays_s": (1, 2, 5),
        "outbox_poll_interval_s": 0.2,
        "feed_poll_interval_s": 0.1,
        "breaker_probe_interval_s": 0.5,
        "reconcile_interval_s": 3600.0,
        "jwks_url": the_idp().jwks_url,
        "token_issuer": the_idp().settings.issuer,
    }
    return VasSyncSettings(**(values | extra))


async def new_sync_database(infra: Infra, sim: Sim) -> str:
    """A migrated vas_sync database whose feed cursor starts at the simulator's newest change."""
    name = await infra.create_database(f"vas_sync_{uuid.uuid4().hex[:8]}")
    url = infra.database_url(name)
    await asyncio.to_thread(upgrade, "vas_sync", url)
    engine = make_engine(url)
    async with engine.begin() as conn:
        await conn.execute(feed_cursor.insert().values(id=1, after=await sim.last_seq()))
    await engine.dispose()
    return url


@asynccontextmanager
async def running_sync(settings: VasSyncSettings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        await wait_for(lambda: consumers_ready(app.state.messaging), timeout=30, interval=0.02)
        transport = httpx.ASGITransport(app=app)
        # The ops API is for operations staff.
        async with httpx.AsyncClient(
            transport=transport, base_url="http://vas-sync", headers=staff_headers("operations")
        ) as client:
            yield app, client


class Observer:
    """A queue bound to every event of a namespace; `of(type)` answers the payloads seen so far."""

    def __init__(self, amqp_url: str, namespace: str) -> None:
        self.amqp_url = amqp_url
        self.namespace = namespace
        self.seen: list[dict[str, Any]] = []
        self._connection: aio_pika.abc.AbstractConnection | None = None

    async def start(
        self, routing_keys: tuple[str, ...] = ("appointment.confirmed", "appointment.rejected", "schedule.#")
    ) -> None:
        self._connection = await aio_pika.connect(self.amqp_url)
        channel = await self._connection.channel()
        exchange = await declare_events_exchange(channel, self.namespace)
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        for key in routing_keys:
            await queue.bind(exchange, routing_key=key)

        async def keep(message: aio_pika.abc.AbstractIncomingMessage) -> None:
            self.seen.append(json.loads(message.body))
            await message.ack()

        await queue.consume(keep)

    def of(self, message_type: str) -> list[dict[str, Any]]:
        return [e["payload"] for e in self.seen if e["type"] == message_type]

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()


async def count_rows(database_url: str, query: str) -> int:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            return int(await conn.scalar(sa.text(query)) or 0)
    finally:
        await engine.dispose()
