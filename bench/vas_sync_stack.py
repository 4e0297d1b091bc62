"""The pieces the VAS sync benchmark runs on: fresh databases, each service's environment, free
times published in VAS, CPU readings from /proc, and removing the namespace's queues."""

import asyncio
import os
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

from bench.processes import TICK, delete_queues, login_as
from services.booking.adapters.catalogue_loader import load_catalogue
from shared.crm_scheduling.messages import Timeslot
from shared.crm_scheduling.slot_ids import slot_id
from shared.db import make_engine
from shared.migrations import upgrade

PG = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP = os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
CLINIC = "SE2321000115-O10001"  # a demo clinic offering nurse visits
TIME_TYPE = "nurse-visit"


@dataclass
class Database:
    name: str
    dsn: str  # asyncpg

    @property
    def url(self) -> str:  # SQLAlchemy
        return self.dsn.replace("postgresql://", "postgresql+asyncpg://", 1)


@dataclass
class Stack:
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:6])
    databases: list[Database] = field(default_factory=list)

    @property
    def namespace(self) -> str:
        return f"benchvas{self.suffix}"

    async def database(self, service: str) -> Database:
        """A new migrated database for `service` (`vas_simulator`, `vas_sync`, `booking`)."""
        name = f"tidbok_bench_{service}_{self.suffix}"
        admin = await asyncpg.connect(PG)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        database = Database(name, PG.rsplit("/", 1)[0] + f"/{name}")
        self.databases.append(database)
        await asyncio.to_thread(upgrade, service, database.url)
        return database

    async def for_vas_sync(self) -> tuple[Database, Database, Database]:
        """VAS's, VAS sync's and booking's databases, booking's with the demo catalogue."""
        vas = await self.database("vas_simulator")
        sync = await self.database("vas_sync")
        booking = await self.database("booking")
        engine = make_engine(booking.url)
        await load_catalogue(engine, Path("services/booking/demo"))
        await engine.dispose()
        return vas, sync, booking

    async def drop(self) -> None:
        admin = await asyncpg.connect(PG)
        try:
            for database in self.databases:
                await admin.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        finally:
            await admin.close()
        await delete_queues(AMQP, self.namespace)


def common_env(prefix: str, port: int, database: Database | None, namespace: str) -> dict[str, str]:
    env = {
        f"{prefix}PORT": str(port),
        f"{prefix}AMQP_URL": login_as(prefix.rstrip("_").lower(), AMQP),
        f"{prefix}NAMESPACE": namespace,
        f"{prefix}LOG_LEVEL": "WARNING",
        "TIDBOK_ENVIRONMENT": "test",
    }
    if database is not None:
        env[f"{prefix}DATABASE_URL"] = database.url
    return env


async def publish_slots(vas_url: str, prefix: str, n: int, first: datetime) -> list[str]:
    """`n` free times of 10 minutes one after the other, published in VAS by clinic staff."""
    return [str(item["id"]) for item in await publish_slot_items(vas_url, prefix, n, first)]


def crm_id(item: dict[str, Any]) -> str:
    """A published time as VAS sync names it on crm:scheduling."""
    return slot_id(
        Timeslot(
            healthcare_facility=item["clinic_hsa_id"],
            start=datetime.fromisoformat(item["start"]),
            end=datetime.fromisoformat(item["end"]),
            performer=item["practitioner_id"],
            time_type_id=item["time_type_code"],
        )
    )


async def publish_slot_items(vas_url: str, prefix: str, n: int, first: datetime) -> list[dict[str, Any]]:
    ids = [f"{prefix}-{i:06d}" for i in range(n)]
    items: list[dict[str, Any]] = []
    async with aiohttp.ClientSession(base_url=vas_url) as http:
        for start in range(0, n, 1000):
            body = [
                {
                    "id": ids[i],
                    "clinic_hsa_id": CLINIC,
                    "time_type_code": TIME_TYPE,
                    "practitioner_id": "p-bench",
                    "start": (first + timedelta(minutes=10 * i)).isoformat(),
                    "end": (first + timedelta(minutes=10 * i + 10)).isoformat(),
                }
                for i in range(start, min(n, start + 1000))
            ]
            async with http.post("/api/timeslots", json=body) as response:
                if response.status != 201:
                    raise RuntimeError(f"publishing times: {response.status} {await response.text()}")
            items += body
    return items


async def faults(vas_url: str, mode: str | None) -> None:
    async with aiohttp.ClientSession(base_url=vas_url) as http:
        request = http.post("/admin/faults", json={"mode": mode}) if mode else http.delete("/admin/faults")
        async with request as response:
            response.raise_for_status()


async def scalar(dsn: str, query: str, *args: Any) -> Any:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(query, *args)
    finally:
        await conn.close()


async def wait_until(check: Callable[[], Awaitable[bool]], timeout_s: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout_s
    while not await check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        await asyncio.sleep(interval)


def machine_busy_s() -> float:
    """CPU seconds the whole machine has been busy (all cores; /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICK


def loadavg() -> float:
    with open("/proc/loadavg", encoding="ascii") as avg:
        return float(avg.read().split()[0])


async def metric(url: str, name: str, labels: str = "") -> float:
    """One sample from a Prometheus text page (0 when absent)."""
    async with aiohttp.ClientSession() as http, http.get(f"{url}/metrics") as response:
        text = await response.text()
    for line in text.splitlines():
        if line.startswith(name) and labels in line and not line.startswith("#"):
            head = line.split(" ")[0]
            if head == name or head.startswith(name + "{"):
                return float(line.rsplit(" ", 1)[1])
    return 0.0
