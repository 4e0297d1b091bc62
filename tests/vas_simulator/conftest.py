"""The VAS simulator against the real PostgreSQL: one migrated database for the session, a fresh
app (with its lifespan) per test. Tests keep apart by using clinics of their own."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI

from services.vas_simulator.main import create_app
from services.vas_simulator.settings import VasSettings
from shared.migrations import upgrade
from tests.support.infra import Infra


@pytest.fixture(scope="session")
def vas_settings(infra: Infra) -> VasSettings:
    name = asyncio.run(infra.create_database("vas_simulator"))
    url = infra.database_url(name)
    upgrade("vas_simulator", url)
    return VasSettings(environment="test", database_url=url, fault_hang_s=2.0, fault_cache_s=0.0, db_pool_size=20)


@dataclass
class Vas:
    app: FastAPI
    http: httpx.AsyncClient
    clinic: str

    async def new_slots(
        self, n: int = 1, *, clinic: str | None = None, start: datetime | None = None, time_type: str = "nurse-visit"
    ) -> list[str]:
        first = start or datetime.now(UTC) + timedelta(days=3)
        body = [
            {
                "id": f"ts-{uuid.uuid4().hex[:12]}",
                "clinic_hsa_id": clinic or self.clinic,
                "time_type_code": time_type,
                "practitioner_id": "p-1",
                "start": (first + timedelta(minutes=30 * i)).isoformat(),
                "end": (first + timedelta(minutes=30 * i + 20)).isoformat(),
            }
            for i in range(n)
        ]
        response = await self.http.post("/api/timeslots", json=body)
        assert response.status_code == 201, response.text
        return [s["id"] for s in response.json()["items"]]

    async def book(self, slot_id: str, subject: str, **extra: Any) -> httpx.Response:
        return await self.http.post("/api/appointments", json={"timeslot_id": slot_id, "subject": subject, **extra})

    async def last_seq(self) -> int:
        after = 0
        while True:
            page = (await self.http.get("/changes", params={"after": after, "limit": 1000})).json()
            if not page["items"]:
                return after
            after = page["next_after"]


def new_clinic() -> str:
    return f"SE2321000115-T{uuid.uuid4().hex[:8].upper()}"


@pytest_asyncio.fixture
async def vas(vas_settings: VasSettings) -> AsyncIterator[Vas]:
    app = create_app(vas_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://vas") as client:
            await client.delete("/admin/faults")
            yield Vas(app, client, new_clinic())
            await client.delete("/admin/faults")
