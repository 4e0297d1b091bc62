"""What the eligibility tests share (their fixtures: tests/eligibility/conftest.py)."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from services.eligibility.adapters.tables import bookings
from services.eligibility.domain.campaign import STOCKHOLM
from services.eligibility.main import create_app as create_eligibility
from services.eligibility.settings import EligibilitySettings
from tests.support.booking import Api, BookingEnv
from tests.support.booking.helpers import COVID1_CONDITIONS, post_booking
from tests.support.waiting import wait_for

ADMIN = {"hsa_id": "SE2321000115-A0001", "roles": ["regional_admin"], "clinics": []}


ROSTER_HSA = "SE2321000115-E5001"


@dataclass
class Env:
    booking: BookingEnv
    eligibility: EligibilitySettings


def today() -> datetime:
    return datetime.now(STOCKHOLM)


def campaign(**changes: Any) -> dict[str, Any]:
    """80+/home care/household/staff/letters open since yesterday; born 1942-1951 in ten days."""
    yesterday = (today() - timedelta(days=1)).date().isoformat()
    document: dict[str, Any] = {
        "code": "covid19-test",
        "name_sv": "Vaccination mot covid-19",
        "time_types": ["covid19-dose1", "covid19-dose2"],
        "dose_rules": [{"time_type": "covid19-dose2", "after": "covid19-dose1", "min_days": 21}],
        "phases": [
            {
                "code": "80plus",
                "starts": yesterday,
                "criteria": [{"kind": "age", "min_age": 80}, {"kind": "home_care"}, {"kind": "household"}],
            },
            {"code": "staff", "starts": yesterday, "criteria": [{"kind": "staff_roster"}]},
            {"code": "letters", "starts": yesterday, "criteria": [{"kind": "invitation"}]},
            {
                "code": "70plus",
                "starts": (today() + timedelta(days=10)).date().isoformat(),
                "criteria": [{"kind": "birth_years", "first": 1942, "last": 1951}],
            },
        ],
    }
    return document | changes


class System:
    """Both services running: `api` is booking's client, `admin` eligibility's (admin token)."""

    def __init__(self, api: Api, eligibility: FastAPI, client: httpx.AsyncClient) -> None:
        self.api = api
        self.app = eligibility
        self.http = client
        self.engine = eligibility.state.eligibility.engine

    async def admin(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {await self.api.token(**(ADMIN | claims))}"}

    async def put_campaign(self, document: dict[str, Any]) -> dict[str, Any]:
        answer = await self.http.put(f"/v1/campaigns/{document['code']}", json=document, headers=await self.admin())
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    async def put_register(self, kind: str, csv: str) -> httpx.Response:
        headers = {**await self.admin(), "Content-Type": "text/csv"}
        return await self.http.put(f"/v1/registers/{kind}", content=csv.encode(), headers=headers)


async def start_eligibility(settings: EligibilitySettings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_eligibility(settings)
    async with app.router.lifespan_context(app):

        async def ready() -> bool:
            host = app.state.messaging.host
            return bool(host is not None and host.ready and app.state.decisions.attached)

        await wait_for(ready, timeout=30, interval=0.02)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://eligibility") as client:
            yield app, client


async def covid_slots(system: System, n: int = 1, *, days: int = 3, dose: int = 1) -> list[str]:
    start = today() + timedelta(days=days)
    return await system.api.new_slots(n, time_type=f"covid19-dose{dose}", start=start, length_min=10, gap_min=15)


async def book_covid(system: System, headers: dict[str, str], slot: str, **extra: str) -> tuple[int, dict[str, object]]:
    answer = await post_booking(system.api, headers, slot, conditions=COVID1_CONDITIONS, key=None, **extra)
    return answer.status_code, answer.json()


async def seen_by_eligibility(system: System, appointment_id: str, status: str = "live") -> None:
    async def there() -> bool:
        async with system.engine.connect() as conn:
            found = await conn.scalar(
                sa.select(bookings.c.status).where(bookings.c.appointment_id == uuid.UUID(appointment_id))
            )
        return bool(found == status)

    await wait_for(there, timeout=20, interval=0.05)
