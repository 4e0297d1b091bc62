"""A resident's own appointments: list and look at them, cancel one, move one to another time."""

import uuid
from datetime import datetime

from services.booking.adapters import appointment_repo
from services.booking.domain.appointment import Appointment
from services.booking.domain.eligibility import Decision, EligibilityQuestion, refused
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.state import BookingApp
from services.booking.usecases.book import NeedsEligibility
from services.booking.usecases.change import cancel, reschedule
from services.booking.usecases.commands import Cancel, Reschedule
from services.booking.usecases.events import emit
from shared.contracts.appointments import ResidentScheduleCheckRequested


async def appointments(
    app: BookingApp, subject: str, *, after: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[Appointment]:
    if after is None and app.schedule_checks.due(subject):
        # Bookings made elsewhere in VAS show up in the list soon after (VAS sync looks).
        async with app.engine.begin() as conn:
            await emit(conn, ResidentScheduleCheckRequested(subject=subject), namespace=app.settings.namespace)
    async with app.engine.connect() as conn:
        return await appointment_repo.list_for_subject(conn, subject=subject, after=after, limit=limit)


async def appointment(app: BookingApp, appointment_id: uuid.UUID, subject: str) -> Appointment:
    """Someone else's appointment is as good as missing (404)."""
    async with app.engine.connect() as conn:
        row = await appointment_repo.get_for_subject(conn, appointment_id=appointment_id, subject=subject)
    if row is None:
        raise BookingError(BookingCode.APPOINTMENT_DOES_NOT_EXIST)
    return row


async def cancel_one(app: BookingApp, command: Cancel, *, staff_clinics: frozenset[str] | None = None) -> Appointment:
    async with app.sessionmaker() as session, session.begin():
        return await cancel(
            session=session,
            command=command,
            now=app.clock.now(),
            namespace=app.settings.namespace,
            staff_clinics=staff_clinics,
        )


async def reschedule_one(app: BookingApp, command: Reschedule, *, subject: str) -> Appointment:
    """Move the appointment; a restricted time type asks eligibility again for the new time."""

    async def attempt(decision: Decision | None) -> Appointment:
        async with app.sessionmaker() as session, session.begin():
            return await reschedule(
                session=session,
                command=command,
                now=app.clock.now(),
                namespace=app.settings.namespace,
                region_phone=app.settings.region_phone,
                decision=decision,
            )

    try:
        return await attempt(None)
    except NeedsEligibility as need:
        decision = await app.eligibility.decide(
            EligibilityQuestion(
                subject=subject,
                time_type_code=need.ctx.time_type_code,
                clinic_hsa_id=need.ctx.clinic_hsa_id,
                start=need.ctx.start,
                channel=command.who.channel,
                actor_id=None,
                invitation_code=None,
                staff_attested=False,
                appointment_id=command.appointment_id,
                purpose="reschedule",
            )
        )
        if not decision.eligible:  # every other check passed a moment ago: no second transaction
            raise refused(decision) from None
        return await attempt(decision)
