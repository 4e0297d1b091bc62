"""Cancel and reschedule an appointment (resident on the web, or staff for their clinics)."""

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from services.booking.adapters import appointment_repo, slot_repo
from services.booking.adapters.catalogue_repo import time_type_rules
from services.booking.domain.appointment import Appointment, Status, check_can_change
from services.booking.domain.eligibility import Decision, refused
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rules import TimeTypeRules, check_change_deadline, check_conditions, check_reason
from services.booking.usecases import checks
from services.booking.usecases.book import NeedsEligibility
from services.booking.usecases.cancellation import record_cancellation
from services.booking.usecases.commands import Cancel, Reschedule, Who
from services.booking.usecases.events import emit
from services.booking.usecases.moving import NewTime, record_move
from shared.db import Executor


async def _load(
    session: Executor,
    *,
    subject: str | None,
    appointment_id: uuid.UUID,
    who: Who,
    staff_clinics: frozenset[str] | None,
) -> Appointment:
    if subject is not None:
        row = await appointment_repo.get_for_subject(
            session, appointment_id=appointment_id, subject=subject, for_update=True
        )
    else:
        row = await appointment_repo.get(session, appointment_id, for_update=True)
        if row is not None and staff_clinics is not None and row.clinic_hsa_id.upper() not in staff_clinics:
            row = None  # outside the staff member's clinics: as if it did not exist
    if row is None:
        raise BookingError(BookingCode.APPOINTMENT_DOES_NOT_EXIST)
    return row


async def _as_stored(session: Executor, appointment_id: uuid.UUID) -> Appointment:
    """The appointment as the change left it (read back: the database stamps updated_at)."""
    changed = await appointment_repo.get(session, appointment_id)
    assert changed is not None, "changed within this transaction"
    return changed


async def cancel(
    *,
    session: Executor,
    command: Cancel,
    now: datetime,
    namespace: str,
    staff_clinics: frozenset[str] | None = None,
) -> Appointment:
    row = await _load(
        session,
        subject=command.subject,
        appointment_id=command.appointment_id,
        who=command.who,
        staff_clinics=staff_clinics,
    )
    check_can_change(row.status)
    rules = TimeTypeRules.from_json(await time_type_rules(session, row.time_type_code))
    if not command.who.is_staff:
        check_change_deadline(
            start=row.start_at, now=now, rule=rules.cancel, late_code=BookingCode.TOO_LATE_TO_CANCEL_APPOINTMENT
        )
        check_reason(rule=rules.cancel, reason=command.reason)
    await record_cancellation(
        session,
        row,
        who=command.who,
        reason=command.reason,
        action="cancel",
        emit=lambda event: emit(session, event, namespace=namespace),
    )
    return await _as_stored(session, row.id)


async def reschedule(
    *,
    session: Executor,
    command: Reschedule,
    now: datetime,
    namespace: str,
    region_phone: str,
    staff_clinics: frozenset[str] | None = None,
    decision: Decision | None = None,
) -> Appointment:
    """New slot claimed and old one released in one transaction; same clinic and time type only.

    A restricted time type (covid-19 vaccination) is asked about again for the new time: rules
    such as the interval after dose 1 depend on the date. Raises `NeedsEligibility` when that
    decision is still to be fetched (then call again with it)."""
    row = await _load(
        session,
        subject=command.subject,
        appointment_id=command.appointment_id,
        who=command.who,
        staff_clinics=staff_clinics,
    )
    check_can_change(row.status)
    await slot_repo.lock_person(session, row.subject)
    ctx = await slot_repo.booking_context(
        session, slot_id=command.new_slot_id, subject=row.subject, exclude_appointment=row.id
    )
    if ctx is None:
        raise BookingError(BookingCode.SLOT_DOES_NOT_EXIST)
    if ctx.slot_id == row.slot_id:
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)
    if ctx.clinic_hsa_id != row.clinic_hsa_id or ctx.time_type_code != row.time_type_code:
        raise BookingError(BookingCode.RESCHEDULE_TO_OTHER_CLINIC_NOT_ALLOWED)
    rules = TimeTypeRules.from_json(ctx.rules)
    who = command.who
    if not who.is_staff:
        check_change_deadline(
            start=row.start_at, now=now, rule=rules.reschedule, late_code=BookingCode.TOO_LATE_TO_UPDATE_APPOINTMENT
        )
        check_reason(rule=rules.reschedule, reason=command.reason)
    checks.check_channel_open(ctx, who=who, region_phone=region_phone)
    checks.check_slot_available(ctx, subject=row.subject, now=now)
    checks.check_timing(ctx, who=who, rule=rules.book, late_code=BookingCode.TOO_LATE_TO_UPDATE_APPOINTMENT, now=now)
    if not who.is_staff:
        check_conditions(required=ctx.condition_ids, confirmed=command.confirmed_conditions)
    if ctx.occupied:
        raise BookingError(BookingCode.USER_IS_ALREADY_OCCUPIED)
    if ctx.restricted:
        if decision is None:
            raise NeedsEligibility(ctx)
        if not decision.eligible:
            raise refused(decision)
    if not await slot_repo.claim(session, slot_id=ctx.slot_id, subject=row.subject):
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)
    await slot_repo.release(session, slot_id=row.slot_id)
    version = row.version + 1
    try:
        async with session.begin_nested():
            await appointment_repo.update(
                session,
                row.id,
                slot_id=ctx.slot_id,
                start_at=ctx.start,
                end_at=ctx.end,
                status=Status.PENDING,
                version=version,
                previous_slot_id=row.slot_id,
                previous_start_at=row.start_at,
                previous_end_at=row.end_at,
            )
    except IntegrityError:
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED) from None
    await record_move(
        session,
        row,
        NewTime(slot_id=ctx.slot_id, start=ctx.start, end=ctx.end, clinic_name=ctx.clinic_name),
        version=version,
        who=who,
        action="reschedule",
        reason=command.reason,
        emit=lambda event: emit(session, event, namespace=namespace),
    )
    return await _as_stored(session, row.id)
