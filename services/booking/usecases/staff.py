"""What staff do: book by phone on a resident's behalf, read a clinic's list and an appointment's
audit trail (each read audited), cancel, close and reopen web booking, switch a clinic's rollout.
Staff act only within their clinics; regional administrators act for the whole region."""

import uuid
from datetime import datetime
from typing import Any

from services.booking.adapters import appointment_repo, staff_repo
from services.booking.domain.appointment import Appointment, AuditEntry
from services.booking.domain.catalogue import Closure
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.state import BookingApp
from services.booking.usecases import resident
from services.booking.usecases.book import Render
from services.booking.usecases.commands import Book, Cancel, Who
from services.booking.usecases.place import place
from shared.auth import Staff, forbidden
from shared.contracts.common import Actor, Channel
from shared.db import Executor
from shared.identity import InvalidPersonnummer, normalize


def who(member: Staff, *, given_name: str | None = None, family_name: str | None = None) -> Who:
    return Who(
        actor=Actor.HEALTH_PROFESSIONAL,
        channel=Channel.PHONE,
        actor_id=member.hsa_id,
        given_name=given_name,
        family_name=family_name,
    )


async def _audit(
    session: Executor,
    member: Staff,
    action: str,
    details: dict[str, Any],
    *,
    appointment_id: uuid.UUID | None = None,
    subject: str | None = None,
) -> None:
    await appointment_repo.audit(
        session,
        action=action,
        actor=Actor.HEALTH_PROFESSIONAL,
        actor_id=member.hsa_id,
        channel=Channel.STAFF_LINK,
        appointment_id=appointment_id,
        subject=subject,
        details=details,
    )


async def phone_booking(
    app: BookingApp,
    member: Staff,
    *,
    personnummer: str,
    slot_id: str,
    reason: str | None,
    invitation_code: str | None,
    control_questions_answered: bool,
    key: str,
    fingerprint: str,
    render: Render,
    given_name: str | None = None,
    family_name: str | None = None,
) -> dict[str, Any]:
    try:
        subject = normalize(personnummer)
    except InvalidPersonnummer:
        raise BookingError(BookingCode.INVALID_PERSONNUMMER) from None
    async with app.engine.connect() as conn:
        clinic = await staff_repo.clinic_of_slot(conn, slot_id)
    if clinic is not None and not member.serves(clinic):
        raise forbidden()
    command = Book(
        subject=subject,
        slot_id=slot_id,
        confirmed_conditions=frozenset(),
        who=who(member, given_name=given_name, family_name=family_name),
        reason=reason,
        invitation_code=invitation_code,
        control_questions_answered=control_questions_answered,
        appointment_id=uuid.uuid4(),  # named up front: eligibility's follow-up list refers to it
    )
    _, answer = await place(
        app, command, owner=f"staff:{member.hsa_id}", key=key, fingerprint=fingerprint, render=render
    )
    return answer


async def clinic_appointments(
    app: BookingApp,
    member: Staff,
    clinic: str,
    *,
    start_from: datetime,
    start_to: datetime,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Appointment]:
    """A page (`limit` rows, and one more when there is a next page) of a clinic's appointments by
    start time; the read is audited (patientdatalagen: access is logged) with what was shown."""
    if not member.serves(clinic):
        raise forbidden()
    async with app.engine.begin() as conn:
        rows = await staff_repo.clinic_appointments(
            conn, clinic, start_from=start_from, start_to=start_to, after=after, limit=limit + 1
        )
        shown = {"rows": min(len(rows), limit), "from": start_from.isoformat(), "to": start_to.isoformat()}
        await _audit(conn, member, "read_clinic_appointments", {"clinic": clinic.upper(), **shown})
    return rows


async def audit_trail(app: BookingApp, member: Staff, appointment_id: uuid.UUID) -> list[AuditEntry]:
    """Who did what to an appointment of the member's clinics; the read is audited."""
    async with app.engine.begin() as conn:
        row = await appointment_repo.get(conn, appointment_id)
        if row is None or not member.serves(row.clinic_hsa_id):
            raise BookingError(BookingCode.APPOINTMENT_DOES_NOT_EXIST)
        trail = await appointment_repo.audit_trail(conn, appointment_id)
        await _audit(conn, member, "read_audit_trail", {}, appointment_id=row.id, subject=row.subject)
    return trail


async def cancel_for_resident(
    app: BookingApp, member: Staff, appointment_id: uuid.UUID, reason: str | None
) -> Appointment:
    command = Cancel(subject=None, appointment_id=appointment_id, who=who(member), reason=reason)
    return await resident.cancel_one(app, command, staff_clinics=member.clinic_scope())


def _check_closure_scope(member: Staff, clinic_hsa_id: str | None) -> None:
    """Only the region closes or reopens region-wide; staff do so for their own clinics."""
    if clinic_hsa_id is None and "regional_admin" not in member.roles:
        raise forbidden()
    if clinic_hsa_id is not None and not member.serves(clinic_hsa_id):
        raise forbidden()


async def close_web_booking(app: BookingApp, member: Staff, closure: dict[str, Any]) -> uuid.UUID:
    """`closure`: clinic_hsa_id, time_type_code (both optional), message_sv, message_en, phone."""
    _check_closure_scope(member, closure.get("clinic_hsa_id"))
    closure_id = uuid.uuid4()
    clinic = closure.get("clinic_hsa_id")
    async with app.engine.begin() as conn:
        await staff_repo.add_closure(
            conn,
            closure_id,
            closed_by=member.hsa_id,
            **{**closure, "clinic_hsa_id": clinic.upper() if clinic else None},
        )
        await _audit(conn, member, "close_web_booking", {"closure_id": str(closure_id), **closure})
    return closure_id


async def closures_in_force(app: BookingApp) -> list[Closure]:
    async with app.engine.connect() as conn:
        return await staff_repo.closures_in_force(conn)


async def reopen(app: BookingApp, member: Staff, closure_id: uuid.UUID) -> None:
    async with app.engine.begin() as conn:
        row = await staff_repo.locked_closure(conn, closure_id)
        if row is None:
            raise BookingError(BookingCode.CLOSURE_DOES_NOT_EXIST)
        _check_closure_scope(member, row.clinic_hsa_id)
        await staff_repo.reopen(conn, closure_id)
        await _audit(conn, member, "reopen_web_booking", {"closure_id": str(closure_id)})


async def rollout(app: BookingApp, member: Staff, hsa_id: str, *, enabled: bool) -> None:
    """Switch web booking on or off for a clinic (the region's decision)."""
    if "regional_admin" not in member.roles:
        raise forbidden()
    async with app.engine.begin() as conn:
        if not await staff_repo.set_web_booking(conn, hsa_id, enabled=enabled):
            raise BookingError(BookingCode.CLINIC_DOES_NOT_EXIST)
        await _audit(conn, member, "rollout", {"clinic": hsa_id.upper(), "web_booking_enabled": enabled})
