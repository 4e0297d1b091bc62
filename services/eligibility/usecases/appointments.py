"""Keeping eligibility's view of booking's appointments (the events booking publishes)."""

from services.eligibility.adapters import bookings_repo
from services.eligibility.usecases.ports import Bookings
from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.db import Executor


async def _record_live(
    session: Executor,
    event: AppointmentRequested | AppointmentBookedInVas | AppointmentCancelled,
    *,
    version: int,
    bookings: Bookings,
) -> None:
    await bookings.record_live(
        session,
        appointment_id=event.appointment_id,
        subject=event.subject,
        time_type_code=event.time_type_code,
        clinic_hsa_id=event.clinic_hsa_id,
        start=event.start,
        version=version,
    )


async def requested(session: Executor, event: AppointmentRequested, *, bookings: Bookings = bookings_repo) -> None:
    """A booking of a campaign's time type: live; its invitation redeemed; on the call-back list
    when the decision was only self-declared or attested."""
    if not await bookings.covered(session, event.time_type_code):
        return
    await _record_live(session, event, version=event.version, bookings=bookings)
    decision = await bookings.decision_for(session, event.appointment_id)
    if decision is None:
        return
    if decision.invitation_code:
        await bookings.redeem_invitation(session, decision.invitation_code, event.appointment_id)
    if decision.needs_review:
        await bookings.add_follow_up(
            session,
            appointment_id=event.appointment_id,
            subject=event.subject,
            time_type_code=event.time_type_code,
            clinic_hsa_id=event.clinic_hsa_id,
            start_at=event.start,
            reason=decision.reason,
            rule_version=decision.rule_version,
            channel=event.channel,
        )


async def booked_in_vas(
    session: Executor, event: AppointmentBookedInVas, *, bookings: Bookings = bookings_repo
) -> None:
    """A time booked by the clinic in VAS (e.g. by phone) counts like one booked on the web: a
    dose 1 booked there opens dose 2 after the interval, and counts against per-person limits."""
    if await bookings.covered(session, event.time_type_code):
        await _record_live(session, event, version=event.version, bookings=bookings)


async def rescheduled(session: Executor, event: AppointmentRescheduled, *, bookings: Bookings = bookings_repo) -> None:
    await bookings.move(session, event.appointment_id, start=event.start, version=event.version)


async def cancelled(session: Executor, event: AppointmentCancelled, *, bookings: Bookings = bookings_repo) -> None:
    if not await bookings.covered(session, event.time_type_code):
        return
    # A cancellation handled before its request (concurrent handlers) still leaves the booking ended.
    await _record_live(session, event, version=event.version - 1, bookings=bookings)
    await bookings.end(session, event.appointment_id, status="cancelled", version=event.version)


async def rejected(session: Executor, event: AppointmentRejected, *, bookings: Bookings = bookings_repo) -> None:
    # A refused move (version > 1) leaves the booking where it was: only a refused new booking ends it.
    if event.version == 1:
        await bookings.end(session, event.appointment_id, status="rejected", version=event.version)
