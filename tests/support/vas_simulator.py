"""What the vas_simulator tests share (their fixtures: tests/vas_simulator/conftest.py)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI


async def add_timeslots(
    http: httpx.AsyncClient, clinic: str, n: int = 1, *, start: datetime | None = None, time_type: str = "nurse-visit"
) -> list[str]:
    """`n` free 20-minute times, half an hour apart, in the simulator's calendar (ids answered)."""
    return [s["id"] for s in await add_timeslot_items(http, clinic, n, start=start, time_type=time_type)]


async def add_timeslot_items(
    http: httpx.AsyncClient, clinic: str, n: int = 1, *, start: datetime | None = None, time_type: str = "nurse-visit"
) -> list[dict[str, Any]]:
    first = start or datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    body = [
        {
            "id": f"ts-{uuid.uuid4().hex[:12]}",
            "clinic_hsa_id": clinic,
            "time_type_code": time_type,
            "practitioner_id": "p-1",
            "start": (first + timedelta(minutes=30 * i)).isoformat(),
            "end": (first + timedelta(minutes=30 * i + 20)).isoformat(),
        }
        for i in range(n)
    ]
    response = await http.post("/api/timeslots", json=body)
    assert response.status_code == 201, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


@dataclass
class Vas:
    app: FastAPI
    http: httpx.AsyncClient
    clinic: str

    async def new_slots(
        self, n: int = 1, *, clinic: str | None = None, start: datetime | None = None, time_type: str = "nurse-visit"
    ) -> list[str]:
        return await add_timeslots(self.http, clinic or self.clinic, n, start=start, time_type=time_type)

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
