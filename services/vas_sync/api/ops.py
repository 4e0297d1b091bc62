"""Ops endpoints: circuit state, change-feed lag, pending work, reconciliation (on demand too)."""

from datetime import date, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from fastapi import APIRouter, Body, Query, Request
from pydantic import Field

from services.vas_sync.adapters.tables import reconciliations, sync_appointments
from services.vas_sync.reconcile.run import ReconciliationRunning
from services.vas_sync.runtime import VasSyncApp
from shared.logging import get_logger
from shared.messaging.depths import queue_depths
from shared.problems import Problem
from shared.request import RequestModel
from shared.web.principals import OperationsDep

router = APIRouter(prefix="/ops", tags=["ops"])
log = get_logger(__name__)
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _app(request: Request) -> VasSyncApp:
    app: VasSyncApp = request.app.state.vas_sync
    return app


@router.get("/status")
async def status(request: Request, member: OperationsDep) -> dict[str, Any]:
    """Is VAS reachable (circuit), how far behind the change feed is, what waits, last reconciliation."""
    app = _app(request)
    breaker, follower = app.breaker, app.follower
    try:
        pending: dict[str, Any] = await queue_depths(app.settings.amqp_url, app.consumer.topology)
    except Exception as exc:  # noqa: BLE001 - the status page must answer even when the broker does not
        pending = {"error": type(exc).__name__}
    async with app.engine.connect() as conn:
        last = (await conn.execute(sa.select(reconciliations).order_by(reconciliations.c.id.desc()).limit(1))).first()
        counts: dict[Any, Any] = dict(
            (await conn.execute(sa.select(sync_appointments.c.outcome, sa.func.count()).group_by("outcome"))).all()
        )
    return {
        "circuit": {
            "state": breaker.state,
            "consecutive_failures": breaker.failures,
            "opened_at": datetime.fromtimestamp(breaker.opened_at).isoformat() if breaker.opened_at else None,
            "probe_in_s": round(breaker.remaining_s(), 2),
            "last_error": breaker.last_error or None,
        },
        "feed": {
            "cursor": follower.after,
            "caught_up": follower.caught_up,
            "lag_s": round(follower.lag_s, 3),
            "last_poll_at": datetime.fromtimestamp(follower.last_poll_at).isoformat()
            if follower.last_poll_at
            else None,
            "last_error": follower.last_error,
        },
        "pending": pending,
        "appointments": {str(k): v for k, v in counts.items()},
        "last_reconciliation": _report(last._mapping) if last else None,
    }


class ReconcileRequest(RequestModel):
    clinic: str | None = Field(default=None, max_length=64, description="HSA-id; all clinics when left out")
    day: date | None = Field(
        default=None, description="One day (Europe/Stockholm); today and the coming days if left out"
    )


@router.post("/reconcile", responses={409: {"description": "A reconciliation is running (`running_id`)"}})
async def reconcile(
    request: Request, member: OperationsDep, body: Annotated[ReconcileRequest | None, Body()] = None
) -> dict[str, Any]:
    """Compare with VAS now and repair drift; answers the report. One runs at a time."""
    app = _app(request)
    body = body or ReconcileRequest()
    days = [body.day] if body.day else upcoming_days(app.settings.reconcile_days)
    try:
        report = await app.reconciler.run(trigger="manual", clinic=body.clinic, days=days)
    except ReconciliationRunning as running:
        raise Problem(
            409,
            "RECONCILIATION_RUNNING",
            "A reconciliation is running; wait for it to finish.",
            "En avstämning pågår; vänta tills den är klar.",
            extra={"running_id": running.running_id},
        ) from None
    log.info("reconciliation_requested", staff=member.hsa_id, clinic=body.clinic, report=report["id"])
    return _report(report)


@router.get("/reconciliations")
async def reports(
    request: Request, member: OperationsDep, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> dict[str, Any]:
    async with _app(request).engine.connect() as conn:
        rows = (await conn.execute(sa.select(reconciliations).order_by(reconciliations.c.id.desc()).limit(limit))).all()
    return {"items": [_report(r._mapping) for r in rows], "next": None}


def upcoming_days(count: int) -> list[date]:
    today = datetime.now(STOCKHOLM).date()
    return [today + timedelta(days=n) for n in range(max(count, 1))]


def _report(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "trigger": row["trigger"],
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "scope": row["scope"],
        "checked": row["checked"],
        "fixed": row["fixed"],
        "error": row["error"],
    }
