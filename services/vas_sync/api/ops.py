"""Ops endpoints: circuit state, change-feed lag, pending work, reconciliation (on demand too)."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from pydantic import Field

from services.vas_sync.reconcile.run import ReconciliationRunning
from services.vas_sync.state import VasSyncApp
from services.vas_sync.usecases import ops
from shared.logging import get_logger
from shared.problems import Problem
from shared.request import RequestModel
from shared.web.principals import OperationsDep

router = APIRouter(prefix="/ops", tags=["ops"])
log = get_logger(__name__)


def _app(request: Request) -> VasSyncApp:
    app: VasSyncApp = request.app.state.vas_sync
    return app


@router.get("/status")
async def status(request: Request, member: OperationsDep) -> dict[str, Any]:
    """Is VAS reachable (circuit), how far behind the change feed is, what waits, last reconciliation."""
    return await ops.status(_app(request))


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
    body = body or ReconcileRequest()
    try:
        report = await ops.reconcile_now(_app(request), clinic=body.clinic, day=body.day)
    except ReconciliationRunning as running:
        raise Problem(
            409,
            "RECONCILIATION_RUNNING",
            "A reconciliation is running; wait for it to finish.",
            "En avstämning pågår; vänta tills den är klar.",
            extra={"running_id": running.running_id},
        ) from None
    log.info("reconciliation_requested", staff=member.hsa_id, clinic=body.clinic, report=report["id"])
    return report


@router.get("/reconciliations")
async def reports(
    request: Request, member: OperationsDep, limit: Annotated[int, Query(ge=1, le=100)] = 10
) -> dict[str, Any]:
    return {"items": await ops.reports(_app(request), limit=limit), "next": None}
