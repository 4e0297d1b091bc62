"""The staff API: phone booking on a resident's behalf, clinic lists, cancellations, opening
and closing web booking (region, clinic, time type) and the per-clinic rollout switch.

Staff act only within their clinics; regional administrators act for the whole region.
"""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Header, Query

from services.booking.adapters import appointment_repo
from services.booking.adapters.tables import appointments, clinics, closures
from services.booking.api import views
from services.booking.api.booking_flow import place, request_hash, require_key
from services.booking.api.deps import AppDep, BookingApp, SessionDep
from services.booking.api.schemas import CancelRequest, ClosureRequest, RolloutRequest, StaffBookingRequest
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.usecases.change import cancel
from services.booking.usecases.commands import Book, Cancel, Who
from shared.auth import Staff, forbidden
from shared.contracts.common import Actor, Channel
from shared.db import Executor
from shared.identity import InvalidPersonnummer, normalize
from shared.web.principals import staff_with

router = APIRouter(prefix="/v1/staff", tags=["staff"])

BookingStaff = Annotated[Staff, Depends(staff_with("booking_staff", "clinic_staff", "regional_admin"))]
Admin = Annotated[Staff, Depends(staff_with("regional_admin", "clinic_staff"))]


async def _audit_read(
    app: BookingApp,
    member: Staff,
    action: str,
    appointment_id: uuid.UUID | None,
    subject: str | None,
    details: dict[str, Any],
) -> None:
    """Staff reading personal data leave a record of it (patientdatalagen: access is logged)."""
    async with app.engine.begin() as conn:
        await appointment_repo.audit(
            conn,
            action=action,
            actor=Actor.HEALTH_PROFESSIONAL,
            actor_id=member.hsa_id,
            channel=Channel.STAFF_LINK,
            appointment_id=appointment_id,
            subject=subject,
            details=details,
        )


def _who(member: Staff) -> Who:
    return Who(actor=Actor.HEALTH_PROFESSIONAL, channel=Channel.PHONE, actor_id=member.hsa_id)


def _check_closure_scope(member: Staff, clinic_hsa_id: str | None) -> None:
    """Only the region closes or reopens region-wide; staff do so for their own clinics."""
    if clinic_hsa_id is None and "regional_admin" not in member.roles:
        raise forbidden()
    if clinic_hsa_id is not None and not member.serves(clinic_hsa_id):
        raise forbidden()


async def _audit_admin(session: Executor, member: Staff, action: str, details: dict[str, Any]) -> None:
    """Audit a staff change that concerns no single appointment (closures, rollout)."""
    await appointment_repo.audit(
        session,
        action=action,
        actor=Actor.HEALTH_PROFESSIONAL,
        actor_id=member.hsa_id,
        channel=Channel.STAFF_LINK,
        appointment_id=None,
        subject=None,
        details=details,
    )


@router.post("/appointments", status_code=201, summary="Book by phone on a resident's behalf")
async def phone_booking(
    body: StaffBookingRequest,
    member: BookingStaff,
    app: AppDep,
    session: SessionDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    key = require_key(idempotency_key)
    try:
        subject = normalize(body.personnummer)
    except InvalidPersonnummer:
        raise BookingError(BookingCode.INVALID_PERSONNUMMER) from None
    clinic = await session.scalar(sa.text("SELECT clinic_hsa_id FROM slots WHERE id = :id"), {"id": body.slot_id})
    if clinic is not None and not member.serves(clinic):
        raise forbidden()
    command = Book(
        subject=subject,
        slot_id=body.slot_id,
        confirmed_conditions=frozenset(),
        who=_who(member),
        reason=body.reason,
        invitation_code=body.invitation_code,
        control_questions_answered=body.control_questions_answered,
        appointment_id=uuid.uuid4(),  # named up front: eligibility's follow-up list refers to it
    )
    _, answer = await place(
        app, command, owner=f"staff:{member.hsa_id}", key=key, fingerprint=request_hash("staff-book", body)
    )
    return answer


@router.get("/appointments", summary="A clinic's appointments (personnummer masked; the read is audited)")
async def clinic_appointments(
    member: BookingStaff,
    app: AppDep,
    session: SessionDep,
    clinic: Annotated[str, Query(max_length=64)],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    if not member.serves(clinic):
        raise forbidden()
    rows = (
        await session.execute(
            sa.select(appointments)
            .where(appointments.c.clinic_hsa_id == clinic.upper())
            .order_by(appointments.c.start_at)
            .limit(limit)
        )
    ).all()
    await _audit_read(
        app, member, "read_clinic_appointments", None, None, {"clinic": clinic.upper(), "rows": len(rows)}
    )
    return {"items": [views.staff_appointment(r) for r in rows], "next": None}


@router.get("/appointments/{appointment_id}/audit", summary="Who did what, when, through which channel (audited)")
async def audit_trail(
    appointment_id: uuid.UUID, member: BookingStaff, app: AppDep, session: SessionDep
) -> dict[str, Any]:
    row = await appointment_repo.get(session, appointment_id)
    if row is None or not member.serves(row.clinic_hsa_id):
        raise BookingError(BookingCode.APPOINTMENT_DOES_NOT_EXIST)
    trail = await appointment_repo.audit_trail(session, appointment_id)
    await _audit_read(app, member, "read_audit_trail", row.id, row.subject, {})
    return {
        "items": [
            {
                "at": views.local(a.at),
                "action": a.action,
                "actor": a.actor,
                "actor_id": a.actor_id,
                "channel": a.channel,
                "details": a.details,
            }
            for a in trail
        ],
        "next": None,
    }


@router.post("/appointments/{appointment_id}/cancel", summary="Cancel on a resident's behalf")
async def staff_cancel(
    appointment_id: uuid.UUID, member: BookingStaff, app: AppDep, body: CancelRequest | None = None
) -> dict[str, Any]:
    command = Cancel(
        subject=None, appointment_id=appointment_id, who=_who(member), reason=body.reason if body else None
    )
    async with app.sessionmaker() as session, session.begin():
        row = await cancel(
            session=session,
            command=command,
            now=datetime.now(UTC),
            namespace=app.settings.namespace,
            staff_clinics=member.clinic_scope(),
        )
    return views.staff_appointment(row)


@router.post("/closures", status_code=201, summary="Close web booking for the region, a clinic or a time type")
async def close_web_booking(body: ClosureRequest, member: Admin, app: AppDep) -> dict[str, Any]:
    _check_closure_scope(member, body.clinic_hsa_id)
    closure_id = uuid.uuid4()
    async with app.sessionmaker() as session, session.begin():
        await session.execute(
            closures.insert().values(
                id=closure_id,
                clinic_hsa_id=body.clinic_hsa_id.upper() if body.clinic_hsa_id else None,
                time_type_code=body.time_type_code,
                message_sv=body.message_sv,
                message_en=body.message_en,
                phone=body.phone,
                closed_by=member.hsa_id,
            )
        )
        await _audit_admin(session, member, "close_web_booking", {"closure_id": str(closure_id), **body.model_dump()})
    return {"id": str(closure_id), **body.model_dump()}


@router.get("/closures", summary="Web booking closures in force")
async def list_closures(member: Admin, session: SessionDep) -> dict[str, Any]:
    rows = (
        await session.execute(
            sa.select(closures).where(closures.c.reopened_at.is_(None)).order_by(closures.c.closed_at)
        )
    ).all()
    return {
        "items": [
            {
                "id": str(r.id),
                "clinic_hsa_id": r.clinic_hsa_id,
                "time_type_code": r.time_type_code,
                "message_sv": r.message_sv,
                "message_en": r.message_en,
                "phone": r.phone,
                "closed_by": r.closed_by,
                "closed_at": views.local(r.closed_at),
            }
            for r in rows
        ],
        "next": None,
    }


@router.post("/closures/{closure_id}/reopen", summary="Open web booking again")
async def reopen(closure_id: uuid.UUID, member: Admin, app: AppDep) -> dict[str, Any]:
    async with app.sessionmaker() as session, session.begin():
        row = (await session.execute(sa.select(closures).where(closures.c.id == closure_id).with_for_update())).first()
        if row is None:
            raise BookingError(BookingCode.CLOSURE_DOES_NOT_EXIST)
        _check_closure_scope(member, row.clinic_hsa_id)
        await session.execute(closures.update().where(closures.c.id == closure_id).values(reopened_at=sa.func.now()))
        await _audit_admin(session, member, "reopen_web_booking", {"closure_id": str(closure_id)})
    return {"id": str(closure_id), "reopened": True}


@router.put("/clinics/{hsa_id}/web-booking", summary="Switch web booking on or off for a clinic (rollout)")
async def rollout(hsa_id: str, body: RolloutRequest, member: Admin, app: AppDep) -> dict[str, Any]:
    if "regional_admin" not in member.roles:
        raise forbidden()
    async with app.sessionmaker() as session, session.begin():
        result = await session.execute(
            clinics.update()
            .where(clinics.c.hsa_id == hsa_id.upper())
            .values(web_booking_enabled=body.web_booking_enabled)
            .returning(clinics.c.hsa_id)
        )
        if result.first() is None:
            raise BookingError(BookingCode.CLINIC_DOES_NOT_EXIST)
        await _audit_admin(session, member, "rollout", {"clinic": hsa_id.upper(), **body.model_dump()})
    return {"hsa_id": hsa_id.upper(), "web_booking_enabled": body.web_booking_enabled}
