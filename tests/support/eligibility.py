"""What the eligibility tests share (their fixtures: tests/eligibility/conftest.py)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from services.eligibility.domain.campaign import STOCKHOLM
from services.eligibility.main import create_app as create_eligibility
from services.eligibility.settings import EligibilitySettings
from tests.support.booking import Api, BookingEnv
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
