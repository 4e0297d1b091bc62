"""The call-back list's routes (usecases/follow_ups.py)."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from services.eligibility.api import refusals
from services.eligibility.api.deps import AppDep, FollowUpStaff
from services.eligibility.domain.records import FollowUp
from services.eligibility.usecases import follow_ups
from shared.csv_safe import csv_text
from shared.identity import mask
from shared.request import RequestModel
from shared.web.openapi import answers
from shared.web.paging import STOCKHOLM, CursorQuery, FromQuery, ToQuery, decode_position, optional_window, page

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-up"])
Status = Literal["open", "confirmed", "cancelling", "cancelled"]


class CancelBody(RequestModel):
    reason: str | None = Field(default=None, max_length=500)


class FollowUpAnswer(BaseModel):
    appointment_id: uuid.UUID
    personnummer: str = Field(description="Masked")
    time_type_code: str
    clinic_hsa_id: str
    start: datetime
    reason: str
    rule_version: str | None
    channel: str
    status: Status
    decided_by: str | None


class FollowUpPage(BaseModel):
    items: list[FollowUpAnswer]
    next: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")


def _view(r: FollowUp) -> FollowUpAnswer:
    return FollowUpAnswer(
        appointment_id=r.appointment_id,
        personnummer=mask(r.subject),
        time_type_code=r.time_type_code,
        clinic_hsa_id=r.clinic_hsa_id,
        start=r.start_at.astimezone(STOCKHOLM),
        reason=r.reason,
        rule_version=r.rule_version,
        channel=r.channel,
        status=cast(Status, r.status),
        decided_by=r.decided_by,
    )


@router.get(
    "",
    summary="Bookings to call back (personnummer masked; the read is audited)",
    description="By the booked time's start; `from`/`to` bound it (either may be left out), a page of "
    "`limit` at a time.",
)
async def list_follow_ups(
    member: FollowUpStaff,
    app: AppDep,
    status: Status | None = "open",
    start_from: FromQuery = None,
    start_to: ToQuery = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> FollowUpPage:
    low, high = optional_window(start_from, start_to)
    rows = await follow_ups.listed(
        app.engine,
        member,
        status,
        action="follow_ups_listed",
        start_from=low,
        start_to=high,
        after=decode_position(cursor, uuid.UUID),
        limit=limit,
    )
    shown, following = page(rows, limit, lambda r: (r.start_at, r.appointment_id))
    return FollowUpPage(items=[_view(r) for r in shown], next=following)


@router.get(
    "/export.csv",
    response_class=Response,
    responses=answers("text/csv", "The call-back list"),
    summary="The call-back list as CSV (full personnummer: for calling; audited)",
)
async def export(
    member: FollowUpStaff,
    app: AppDep,
    status: Annotated[Status | None, Query()] = "open",
    start_from: FromQuery = None,
    start_to: ToQuery = None,
) -> Response:
    low, high = optional_window(start_from, start_to)
    rows = await follow_ups.listed(
        app.engine, member, status, action="follow_ups_exported", start_from=low, start_to=high
    )
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
