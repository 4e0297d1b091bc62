"""The call-back list's routes (usecases/follow_ups.py)."""

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field

from services.eligibility.api import refusals
from services.eligibility.api.deps import AppDep, FollowUpStaff
from services.eligibility.domain.records import FollowUp
from services.eligibility.usecases import follow_ups
from shared.csv_safe import csv_text
from shared.identity import mask
from shared.request import RequestModel
from shared.web.openapi import answers

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-up"])
Status = Literal["open", "confirmed", "cancelling", "cancelled"]


class CancelBody(RequestModel):
    reason: str | None = Field(default=None, max_length=500)


def _view(r: FollowUp) -> dict[str, Any]:
    return {
        "appointment_id": str(r.appointment_id),
        "personnummer": mask(r.subject),
        "time_type_code": r.time_type_code,
        "clinic_hsa_id": r.clinic_hsa_id,
        "start": r.start_at.isoformat(),
        "reason": r.reason,
        "rule_version": r.rule_version,
        "channel": r.channel,
        "status": r.status,
        "decided_by": r.decided_by,
    }


@router.get("", summary="Bookings to call back (personnummer masked; the read is audited)")
async def list_follow_ups(member: FollowUpStaff, app: AppDep, status: Status | None = "open") -> dict[str, Any]:
    rows = await follow_ups.listed(app.engine, member, status, action="follow_ups_listed")
    return {"items": [_view(r) for r in rows], "next": None}


@router.get(
    "/export.csv",
    response_class=Response,
    responses=answers("text/csv", "The call-back list"),
    summary="The call-back list as CSV (full personnummer: for calling; audited)",
)
async def export(member: FollowUpStaff, app: AppDep, status: Annotated[Status | None, Query()] = "open") -> Response:
    rows = await follow_ups.listed(app.engine, member, status, action="follow_ups_exported")
    text = csv_text(follow_ups.EXPORT_COLUMNS, (follow_ups.export_row(r) for r in rows))
    return Response(text, media_type="text/csv; charset=utf-8")


@router.post(
    "/{appointment_id}/confirm", responses=refusals.FOLLOW_UP_DECISION, summary="The booking is right: keep it"
)
async def confirm(appointment_id: uuid.UUID, member: FollowUpStaff, app: AppDep) -> dict[str, Any]:
    await follow_ups.decide(
        app.engine, app.settings.namespace, appointment_id, member, status="confirmed", allowed={"open"}
    )
    return {"appointment_id": str(appointment_id), "status": "confirmed"}


@router.post(
    "/{appointment_id}/cancel",
    status_code=202,
    responses=refusals.FOLLOW_UP_DECISION,
    summary="The booking is wrong: booking cancels it",
)
async def cancel(
    appointment_id: uuid.UUID, member: FollowUpStaff, app: AppDep, body: CancelBody | None = None
) -> dict[str, Any]:
    await follow_ups.decide(
        app.engine,
        app.settings.namespace,
        appointment_id,
        member,
        status="cancelling",
        allowed={"open", "confirmed"},
        reason=body.reason if body else None,
    )
    return {"appointment_id": str(appointment_id), "status": "cancelling"}
