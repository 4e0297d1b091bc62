"""The call-back list: bookings that passed only by self-declaration or staff attestation.
Staff confirm each, or cancel it — booking cancels, VAS and the resident hear of it."""

import csv
import io
import uuid
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from services.eligibility.adapters import campaign_repo
from services.eligibility.adapters.tables import follow_ups
from services.eligibility.api.deps import AppDep, FollowUpStaff
from services.eligibility.api.problems import not_found
from services.eligibility.settings import EligibilitySettings
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.identity import mask
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.problems import Problem

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-up"])
Status = Literal["open", "confirmed", "cancelling", "cancelled"]


class CancelBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(default=None, max_length=500)


def _view(r: Any) -> dict[str, Any]:
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


async def _list(app: AppDep, status: Status | None) -> list[Any]:
    query = sa.select(follow_ups).order_by(follow_ups.c.start_at, follow_ups.c.appointment_id)
    if status:
        query = query.where(follow_ups.c.status == status)
    async with app.engine.connect() as session:
        return list((await session.execute(query)).all())


@router.get("", summary="Bookings to call back (personnummer masked)")
async def list_follow_ups(member: FollowUpStaff, app: AppDep, status: Status | None = "open") -> dict[str, Any]:
    return {"items": [_view(r) for r in await _list(app, status)], "next": None}


@router.get("/export.csv", summary="The call-back list as CSV (full personnummer: for calling; audited)")
async def export(member: FollowUpStaff, app: AppDep, status: Annotated[Status | None, Query()] = "open") -> Response:
    rows = await _list(app, status)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["appointment_id", "personnummer", "time_type_code", "clinic_hsa_id", "start", "reason", "channel", "status"]
    )
    for r in rows:
        writer.writerow(
            [
                r.appointment_id,
                r.subject,
                r.time_type_code,
                r.clinic_hsa_id,
                r.start_at.isoformat(),
                r.reason,
                r.channel,
                r.status,
            ]
        )
    async with app.engine.begin() as session:
        await campaign_repo.audit(session, "follow_ups_exported", member.hsa_id, {"rows": len(rows)})
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


async def _decide(
    app: AppDep, appointment_id: uuid.UUID, member_id: str, status: str, allowed: set[str], reason: str | None = None
) -> Any:
    async with app.engine.begin() as session:
        row = (
            await session.execute(
                sa.select(follow_ups).where(follow_ups.c.appointment_id == appointment_id).with_for_update()
            )
        ).first()
        if row is None:
            raise not_found(
                "FOLLOW_UP_DOES_NOT_EXIST", "There is no such follow-up.", "Det finns ingen sådan uppföljning."
            )
        if row.status not in allowed:
            raise Problem(409, "FOLLOW_UP_ALREADY_DECIDED", f"Already {row.status}.", f"Redan avgjord ({row.status}).")
        await session.execute(
            follow_ups.update()
            .where(follow_ups.c.appointment_id == appointment_id)
            .values(status=status, decided_by=member_id, decided_at=sa.func.now())
        )
        await campaign_repo.audit(session, f"follow_up_{status}", member_id, {"appointment_id": str(appointment_id)})
        if status == "cancelling":
            command = CancelAppointmentForEligibility(
                appointment_id=appointment_id, staff_hsa_id=member_id, reason=reason
            )
            await add_to_outbox(session, Envelope.wrap(command), namespace=_settings(app).namespace)
        return row


def _settings(app: AppDep) -> EligibilitySettings:
    return app.settings


@router.post("/{appointment_id}/confirm", summary="The booking is right: keep it")
async def confirm(appointment_id: uuid.UUID, member: FollowUpStaff, app: AppDep) -> dict[str, Any]:
    await _decide(app, appointment_id, member.hsa_id, "confirmed", {"open"})
    return {"appointment_id": str(appointment_id), "status": "confirmed"}


@router.post("/{appointment_id}/cancel", status_code=202, summary="The booking is wrong: booking cancels it")
async def cancel(
    appointment_id: uuid.UUID, member: FollowUpStaff, app: AppDep, body: CancelBody | None = None
) -> dict[str, Any]:
    reason = body.reason if body else None
    await _decide(app, appointment_id, member.hsa_id, "cancelling", {"open", "confirmed"}, reason)
    return {"appointment_id": str(appointment_id), "status": "cancelling"}
