"""Booking's appointment events, as eligibility needs them: live bookings per person and time
type (dose history, per-person limits), invitations redeemed and given back, follow-ups."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.eligibility.adapters.tables import bookings, decisions, follow_ups, invitations
from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.db import Executor
from shared.messaging.consumer import Handler, HandlerContext
from shared.messaging.envelope import Contract

_COVERED = sa.text("SELECT EXISTS (SELECT 1 FROM campaigns WHERE document->'time_types' ? :time_type)")


async def _covered(session: Executor, time_type: str) -> bool:
    return bool(await session.scalar(_COVERED, {"time_type": time_type}))


async def _record_live(
    session: Executor, event: AppointmentRequested | AppointmentBookedInVas | AppointmentCancelled, *, version: int
) -> None:
    """The booking as live at `version`, unless it is known already."""
    await session.execute(
        insert(bookings)
        .values(
            appointment_id=event.appointment_id,
            subject=event.subject,
            time_type_code=event.time_type_code,
            clinic_hsa_id=event.clinic_hsa_id,
            start_at=event.start,
            status="live",
            version=version,
        )
        .on_conflict_do_nothing()
    )


async def on_requested(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, AppointmentRequested)
    session = ctx.session
    if not await _covered(session, event.time_type_code):
        return
    await _record_live(session, event, version=event.version)
    decision = (
        await session.execute(
            sa.select(decisions)
            .where(decisions.c.appointment_id == event.appointment_id, decisions.c.eligible)
            .order_by(decisions.c.id.desc())
            .limit(1)
        )
    ).first()
    if decision is None:
        return
    if decision.invitation_code:
        await session.execute(
            invitations.update()
            .where(invitations.c.code == decision.invitation_code, invitations.c.redeemed_by.is_(None))
            .values(redeemed_by=event.appointment_id)
        )
    if decision.needs_review:
        await session.execute(
            insert(follow_ups)
            .values(
                appointment_id=event.appointment_id,
                subject=event.subject,
                time_type_code=event.time_type_code,
                clinic_hsa_id=event.clinic_hsa_id,
                start_at=event.start,
                reason=decision.reason,
                rule_version=decision.rule_version,
                channel=event.channel,
            )
            .on_conflict_do_nothing()
        )


async def on_booked_in_vas(ctx: HandlerContext) -> None:
    """A time booked by the clinic in VAS (e.g. by phone) counts like one booked on the web: a
    dose 1 booked there opens dose 2 after the interval, and counts against per-person limits."""
    event = ctx.message
    assert isinstance(event, AppointmentBookedInVas)
    if not await _covered(ctx.session, event.time_type_code):
        return
    await _record_live(ctx.session, event, version=event.version)


async def on_rescheduled(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, AppointmentRescheduled)
    await ctx.session.execute(
        bookings.update()
        .where(bookings.c.appointment_id == event.appointment_id, bookings.c.version < event.version)
        .values(start_at=event.start, version=event.version)
    )


async def _ended(session: Executor, appointment_id: object, status: str, version: int) -> None:
    result = await session.execute(
        bookings.update()
        .where(bookings.c.appointment_id == appointment_id, bookings.c.version <= version)
        .values(status=status, version=version)
        .returning(bookings.c.appointment_id)
    )
    if result.first() is None:
        return
    # The invitation is given back: the letter works again.
    await session.execute(
        invitations.update().where(invitations.c.redeemed_by == appointment_id).values(redeemed_by=None)
    )
    await session.execute(
        follow_ups.update()
        .where(follow_ups.c.appointment_id == appointment_id, follow_ups.c.status != "cancelled")
        .values(status="cancelled")
    )


async def on_cancelled(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, AppointmentCancelled)
    if not await _covered(ctx.session, event.time_type_code):
        return
    # A cancellation handled before its request (concurrent handlers) still leaves the booking ended.
    await _record_live(ctx.session, event, version=event.version - 1)
    await _ended(ctx.session, event.appointment_id, "cancelled", event.version)


async def on_rejected(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, AppointmentRejected)
    # A refused move (version > 1) leaves the booking where it was: only a refused new booking ends it.
    if event.version == 1:
        await _ended(ctx.session, event.appointment_id, "rejected", event.version)


APPOINTMENTS: dict[type[Contract], Handler] = {
    AppointmentRequested: on_requested,
    AppointmentBookedInVas: on_booked_in_vas,
    AppointmentRescheduled: on_rescheduled,
    AppointmentCancelled: on_cancelled,
    AppointmentRejected: on_rejected,
}
