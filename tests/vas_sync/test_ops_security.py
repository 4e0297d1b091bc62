"""VAS sync's ops API is for operations staff only, and reconciliation runs one at a time
(finding 1 of the security review: both answered anyone, and any number of runs could load VAS)."""

import asyncio
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from fastapi import FastAPI

from services.vas_sync.adapters.tables import reconciliations
from services.vas_sync.settings import VasSyncSettings
from tests.support.idp import staff_headers, the_idp
from tests.support.people import personnummer
from tests.support.vas_sync.harness import Sim, running_sync
from tests.support.waiting import wait_for

OPS_ROUTES = (("GET", "/ops/status"), ("POST", "/ops/reconcile"), ("GET", "/ops/reconciliations"))


async def test_ops_routes_refuse_anyone_without_the_operations_role(settings: VasSyncSettings) -> None:
    resident = {"Authorization": f"Bearer {the_idp().resident_token(personnummer())}"}
    strangers = [
        ({"Authorization": ""}, 401),
        (resident, 403),
        (staff_headers("booking_staff", "clinic_staff", clinics=("SE2321000115-O10001",)), 403),
    ]
    async with running_sync(settings) as (_, ops):
        for method, path in OPS_ROUTES:
            for headers, status in strangers:
                answer = await ops.request(method, path, headers=headers, json={} if method == "POST" else None)
                assert answer.status_code == status, (method, path, answer.text)
                assert answer.headers["content-type"] == "application/problem+json"
            assert (await ops.request(method, path, json={} if method == "POST" else None)).status_code == 200


async def _running(app: FastAPI, since: datetime) -> bool:
    """A manual run started after `since` and not finished yet."""
    r = reconciliations.c
    query = sa.select(sa.func.count()).where(r.trigger == "manual", r.started_at >= since, r.finished_at.is_(None))
    async with app.state.vas_sync.engine.connect() as conn:
        return bool(await conn.scalar(query))


async def test_a_second_reconciliation_while_one_runs_is_409_with_the_running_ones_id(
    settings: VasSyncSettings, sim: Sim
) -> None:
    day = (datetime.now(UTC) + timedelta(days=5)).date().isoformat()
    async with running_sync(settings) as (app, ops):
        await sim.faults(mode="latency", latency_ms=900, rate=1.0)
        since = datetime.now(UTC)
        first = asyncio.create_task(ops.post("/ops/reconcile", json={"clinic": sim.clinic, "day": day}))
        await wait_for(lambda: _running(app, since), timeout=10, interval=0.02)  # the first waits for VAS (0.9 s)
        second = await ops.post("/ops/reconcile", json={"clinic": sim.clinic, "day": day})
        report = (await first).json()
        await sim.faults()
        third = await ops.post("/ops/reconcile", json={"clinic": sim.clinic, "day": day})
    assert second.status_code == 409, second.text
    assert second.json()["code"] == "RECONCILIATION_RUNNING"
    assert second.json()["running_id"] == report["id"]
    assert third.status_code == 200 and third.json()["id"] > report["id"]
