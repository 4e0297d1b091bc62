"""Many bookings at once, and counting what reached VAS (for the reliability tests)."""

import asyncio
import uuid
from collections import Counter
from typing import Any

import sqlalchemy as sa

from services.booking.adapters.tables import appointments
from tests.support.booking.helpers import HOME_CLINIC, NURSE_CONDITIONS
from tests.support.broker import queue_counts
from tests.support.people import personnummer
from tests.support.vas_sync.system import System


async def residents(system: System, n: int) -> list[dict[str, str]]:
    async def one() -> dict[str, str]:
        token = await system.api.token(personnummer=personnummer(), given_name="Tolvan", family_name="Tolvansson")
        return {"Authorization": f"Bearer {token}"}

    found: list[dict[str, str]] = []
    for start in range(0, n, 100):
        found += await asyncio.gather(*(one() for _ in range(min(100, n - start))))
    return found


async def book_all(system: System, slot_ids: list[str], *, concurrency: int = 16) -> list[tuple[int, str]]:
    """Books each slot for a different resident; answers (status code, appointment id) per slot."""
    people = await residents(system, len(slot_ids))
    gate = asyncio.Semaphore(concurrency)

    async def one(slot: str, headers: dict[str, str]) -> tuple[int, str]:
        async with gate:
            response = await system.api.http.post(
                "/v1/appointments",
                json={"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS},
                headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
            )
            return response.status_code, str(response.json().get("id", response.json().get("code")))

    return list(await asyncio.gather(*(one(s, h) for s, h in zip(slot_ids, people, strict=True))))


async def booked_in_booking(system: System, ids: list[str]) -> int:
    query = sa.select(sa.func.count()).where(
        appointments.c.id.in_([uuid.UUID(i) for i in ids]), appointments.c.status == "booked"
    )
    async with system.api.engine.connect() as conn:
        return int(await conn.scalar(query) or 0)


async def vas_appointments_per_booking(system: System, ids: list[str]) -> Counter[str]:
    """How many booked VAS appointments each booking has (1 each is right). Counted by resident
    (each booking here is a different one's), as every protocol keeps the resident — crm:scheduling
    keeps no reference of ours."""
    query = sa.select(appointments.c.id, appointments.c.subject).where(
        appointments.c.id.in_([uuid.UUID(i) for i in ids])
    )
    async with system.api.engine.connect() as conn:
        booking_of = {str(subject): str(id_) for id_, subject in (await conn.execute(query)).all()}
    response = await system.sim.http.post(
        "/api/appointments/search", json={"clinic_hsa_id": HOME_CLINIC, "from": "2000-01-01T00:00:00+00:00"}
    )
    found: Counter[str] = Counter({i: 0 for i in ids})
    for item in response.json()["items"]:
        if item["subject"] in booking_of and item["status"] == "booked":
            found[booking_of[item["subject"]]] += 1
    return found


async def parked(system: System) -> dict[str, int]:
    """Messages in the parking queues of VAS sync and booking."""
    ns = system.sync_settings.namespace
    queues = [f"{ns}.vas_sync.appointments", f"{ns}.booking.vas-results", f"{ns}.booking.schedule"]
    return {q: (await queue_counts(system.sync_settings.amqp_url, f"{q}.parking"))[0] for q in queues}


def summary(found: Counter[str]) -> dict[str, Any]:
    return {
        "bookings": len(found),
        "in_vas_once": sum(1 for n in found.values() if n == 1),
        "missing": sum(1 for n in found.values() if n == 0),
        "doubled": sum(1 for n in found.values() if n > 1),
    }
