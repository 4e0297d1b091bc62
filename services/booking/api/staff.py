"""The staff API: phone booking on a resident's behalf, clinic lists, cancellations, opening
and closing web booking (region, clinic, time type) and the per-clinic rollout switch
(usecases/staff.py). Staff act only within their clinics; regional administrators for the region.
"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query

from services.booking.api import refusals, views
from services.booking.api.answers import (
    AppointmentAnswer,
    AuditPage,
    ClosureAnswer,
    ClosurePage,
    ReopenAnswer,
    RolloutAnswer,
    StaffAppointmentAnswer,
    StaffAppointmentPage,
)
from services.booking.api.deps import AppDep
from services.booking.api.headers import IDEMPOTENCY_KEY, request_hash, require_key
from services.booking.api.schemas import CancelRequest, ClosureRequest, RolloutRequest, StaffBookingRequest
from services.booking.usecases import staff
from services.booking.usecases.commands import PHONE_BOOKING_ROLES
from shared.auth import Staff
from shared.web.paging import STOCKHOLM, CursorQuery, FromQuery, ToQuery, decode_position, page, window
from shared.web.principals import staff_with

router = APIRouter(prefix="/v1/staff", tags=["staff"])

BookingStaff = Annotated[Staff, Depends(staff_with(*sorted(PHONE_BOOKING_ROLES)))]
Admin = Annotated[Staff, Depends(staff_with("regional_admin", "clinic_staff"))]


@router.post(
    "/appointments",
    status_code=201,
    response_model=AppointmentAnswer,
    responses=refusals.PHONE_BOOKING,
    summary="Book by phone on a resident's behalf",
)
async def phone_booking(
    body: StaffBookingRequest,
    member: BookingStaff,
    app: AppDep,
    idempotency_key: Annotated[str | None, Header(description=IDEMPOTENCY_KEY)] = None,
) -> dict[str, Any]:
    return await staff.phone_booking(
        app,
        member,
        personnummer=body.personnummer,
        slot_id=body.slot_id,
        reason=body.reason,
        invitation_code=body.invitation_code,
        control_questions_answered=body.control_questions_answered,
        given_name=body.given_name,
        family_name=body.family_name,
        key=require_key(idempotency_key),
        fingerprint=request_hash("staff-book", body),
        render=views.appointment,
    )


@router.get(
    "/appointments",
    response_model=StaffAppointmentPage,
    summary="A clinic's appointments (personnummer masked; the read is audited)",
    description="By start time, from `from` (default: the start of today) to `to` (default 31 days "
    "later), a page of `limit` at a time.",
)
async def clinic_appointments(
    member: BookingStaff,
    app: AppDep,
    clinic: Annotated[str, Query(max_length=64)],
    start_from: FromQuery = None,
    start_to: ToQuery = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    today = app.clock.now().astimezone(STOCKHOLM).replace(hour=0, minute=0, second=0, microsecond=0)
    low, high = window(today, start_from, start_to)
    after = decode_position(cursor, uuid.UUID)
    rows = await staff.clinic_appointments(app, member, clinic, start_from=low, start_to=high, after=after, limit=limit)
    shown, following = page(rows, limit, lambda r: (r.start_at, r.id))
    return {"items": [views.staff_appointment(r) for r in shown], "next": following}


@router.get(
    "/appointments/{appointment_id}/audit",
    response_model=AuditPage,
    responses=refusals.ONE,
    summary="Who did what, when, through which channel (audited)",
)
async def audit_trail(appointment_id: uuid.UUID, member: BookingStaff, app: AppDep) -> dict[str, Any]:
    trail = await staff.audit_trail(app, member, appointment_id)
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


@router.post(
    "/appointments/{appointment_id}/cancel",
    response_model=StaffAppointmentAnswer,
    responses=refusals.STAFF_CANCEL,
    summary="Cancel on a resident's behalf",
)
async def staff_cancel(
    appointment_id: uuid.UUID, member: BookingStaff, app: AppDep, body: CancelRequest | None = None
) -> dict[str, Any]:
    row = await staff.cancel_for_resident(app, member, appointment_id, body.reason if body else None)
    return views.staff_appointment(row)


@router.post(
    "/closures",
    status_code=201,
    response_model=ClosureAnswer,
    summary="Close web booking for the region, a clinic or a time type",
)
async def close_web_booking(body: ClosureRequest, member: Admin, app: AppDep) -> dict[str, Any]:
    closure_id = await staff.close_web_booking(app, member, body.model_dump())
    return {"id": str(closure_id), **body.model_dump()}


@router.get("/closures", response_model=ClosurePage, summary="Web booking closures in force")
async def list_closures(member: Admin, app: AppDep) -> dict[str, Any]:
    rows = await staff.closures_in_force(app)
    return {
        "items": [views.closure(r) | {"closed_by": r.closed_by, "closed_at": views.local(r.closed_at)} for r in rows],
        "next": None,
    }


@router.post(
    "/closures/{closure_id}/reopen",
    response_model=ReopenAnswer,
    responses=refusals.REOPEN,
    summary="Open web booking again",
)
async def reopen(closure_id: uuid.UUID, member: Admin, app: AppDep) -> dict[str, Any]:
    await staff.reopen(app, member, closure_id)
    return {"id": str(closure_id), "reopened": True}


@router.put(
    "/clinics/{hsa_id}/web-booking",
    response_model=RolloutAnswer,
    responses=refusals.CLINIC,
    summary="Switch web booking on or off for a clinic (rollout)",
)
async def rollout(hsa_id: str, body: RolloutRequest, member: Admin, app: AppDep) -> dict[str, Any]:
    await staff.rollout(app, member, hsa_id, enabled=body.web_booking_enabled)
    return {"hsa_id": hsa_id.upper(), "web_booking_enabled": body.web_booking_enabled}
