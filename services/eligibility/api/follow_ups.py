"""The call-back list: bookings that passed only by self-declaration or staff attestation.
Staff confirm each, or cancel it — booking cancels, VAS and the resident hear of it."""

import uuid
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Query, Response
from pydantic import ConfigDict, Field

from services.eligibility.adapters import campaign_repo
from services.eligibility.adapters.tables import follow_ups
from services.eligibility.api.deps import AppDep, FollowUpStaff
from services.eligibility.api.problems import not_found
from services.eligibility.settings import EligibilitySettings
from shared.auth import Staff
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.csv_safe import csv_text
from shared.identity import mask
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.problems import Problem
from shared.request import RequestModel

router = APIRouter(prefix="/v1/follow-ups", tags=["follow-up"])
Status = Literal["open", "confirmed", "cancelling", "cancelled"]


class CancelBody(RequestModel):
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


def _in_scope(member: Staff) -> sa.ColumnElement[bool]:
    """Staff see and act on their own clinics' follow-ups; regional administrators on all."""
    scope = member.clinic_scope()
    return sa.true() if scope is None else sa.func.upper(follow_ups.c.clinic_hsa_id).in_(sorted(scope))


async def _list(app: AppDep, member: Staff, status: Status | None) -> list[Any]:
    query = sa.select(follow_ups).where(_in_scope(member)).order_by(follow_ups.c.start_at, follow_ups.c.appointment_id)
    if status:
        query = query.where(follow_ups.c.status == status)
    async with app.engine.connect() as session:
        return list((await session.execute(query)).all())


@router.get("", summary="Bookings to call back (personnummer masked)")
async def list_follow_ups(member: FollowUpStaff, app: AppDep, status: Status | None = "open") -> dict[str, Any]:
    rows = await _list(app, member, status)
    async with app.engine.begin() as session:  # a staff read of personal data is audited
        await campaign_repo.audit(session, "follow_ups_listed", member.hsa_id, {"rows": len(rows)})
    return {"items": [_view(r) for r in rows], "next": None}


def _export_row(r: Any) -> list[Any]:
    start = r.start_at.isoformat()
    return [r.appointment_id, r.subject, r.time_type_code, r.clinic_hsa_id, start, r.reason, r.channel, r.status]


@router.get("/export.csv", summary="The call-back list as CSV (full personnummer: for calling; audited)")
async def export(member: FollowUpStaff, app: AppDep, status: Annotated[Status | None, Query()] = "open") -> Response:
    rows = await _list(app, member, status)
    text = csv_text(
        ["appointment_id", "personnummer", "time_type_code", "clinic_hsa_id", "start", "reason", "channel", "status"],
        (_export_row(r) for r in rows),
    )
    async with app.engine.begin() as session:
        await campaign_repo.audit(session, "follow_ups_exported", member.hsa_id, {"rows": len(rows)})
    return Response(text, media_type="text/csv; charset=utf-8")


async def _decide(
    app: AppDep, appointment_id: uuid.UUID, member: Staff, status: str, allowed: set[str], reason: str | None = None
) -> Any:
    member_id = member.hsa_id
    async with app.engine.begin() as session:
        row = (
            await session.execute(
                sa.select(follow_ups)
                .where(follow_ups.c.appointment_id == appointment_id, _in_scope(member))
                .with_for_update()
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
            scope = member.clinic_scope()
            command = CancelAppointmentForEligibility(
                appointment_id=appointment_id,
                staff_hsa_id=member_id,
                staff_clinics=None if scope is None else sorted(scope),
                reason=reason,
            )
            await add_to_outbox(session, Envelope.wrap(command), namespace=_settings(app).namespace)
        return row


def _settings(app: AppDep) -> EligibilitySettings:
    return app.settings


@router.post("/{appointment_id}/confirm", summary="The booking is right: keep it")
async def confirm(appointment_id: uuid.UUID, member: FollowUpStaff, app: AppDep) -> dict[str, Any]:
    await _decide(app, appointment_id, member, "confirmed", {"open"})
    return {"appointment_id": str(appointment_id), "status": "confirmed"}


@router.post("/{appointment_id}/cancel", status_code=202, summary="The booking is wrong: booking cancels it")
async def cancel(
    appointment_id: uuid.UUID, member: FollowUpStaff, app: AppDep, body: CancelBody | None = None
) -> dict[str, Any]:
    reason = body.reason if body else None
    await _decide(app, appointment_id, member, "cancelling", {"open", "confirmed"}, reason)
    return {"appointment_id": str(appointment_id), "status": "cancelling"}
