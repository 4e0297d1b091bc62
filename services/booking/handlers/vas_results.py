"""VAS sync's answers: the booking (or its change) was confirmed in VAS, or refused.

Idempotent and version-aware: an answer for an older version than the appointment's current
one is stale (the resident changed it since) and changes nothing.
"""

from services.booking.adapters import appointment_repo, slot_repo
from services.booking.domain.appointment import Status
from services.booking.handlers.status_signal import signal_status_change
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.common import Actor, Channel
from shared.messaging.consumer import HandlerContext


async def on_confirmed(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, AppointmentConfirmed)
    row = await appointment_repo.get(ctx.session, event.appointment_id, for_update=True)
    if row is None or row.version != event.version or row.status != Status.PENDING:
        return
    await appointment_repo.update(
        ctx.session,
        row.id,
        status=Status.BOOKED,
        vas_appointment_id=event.vas_appointment_id,
        previous_slot_id=None,
        previous_start_at=None,
        previous_end_at=None,
    )
    await appointment_repo.audit(
        ctx.session,
        action="confirmed_in_vas",
        actor=Actor.SYSTEM,
        actor_id=None,
        channel=Channel.VAS,
        appointment_id=row.id,
        subject=row.subject,
        details={"version": event.version},
    )
    await signal_status_change(ctx.session, row.id)


async def on_rejected(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, AppointmentRejected)
    session = ctx.session
    row = await appointment_repo.get(session, event.appointment_id, for_update=True)
    if row is None or row.version != event.version or row.status != Status.PENDING:
        return
    taken = event.code == "REQUESTED_TIME_IS_ALREADY_RESERVED"
    # VAS says someone else has the time: the replica shows it busy, otherwise it is free again.
    await slot_repo.release(session, slot_id=row.slot_id, status="busy" if taken else "free")
    if row.previous_slot_id and await slot_repo.claim(session, slot_id=row.previous_slot_id, subject=row.subject):
        # A refused move leaves the appointment where it was (VAS kept it there).
        await appointment_repo.update(
            session,
            row.id,
            status=Status.BOOKED,
            slot_id=row.previous_slot_id,
            start_at=row.previous_start_at,
            end_at=row.previous_end_at,
            previous_slot_id=None,
            previous_start_at=None,
            previous_end_at=None,
            rejection_code=event.code,
        )
        action = "reschedule_rejected_by_vas"
    else:
        await appointment_repo.update(session, row.id, status=Status.REJECTED, rejection_code=event.code)
        action = "rejected_by_vas"
    await appointment_repo.audit(
        session,
        action=action,
        actor=Actor.SYSTEM,
        actor_id=None,
        channel=Channel.VAS,
        appointment_id=row.id,
        subject=row.subject,
        details={"code": event.code, "version": event.version},
    )
    await signal_status_change(session, row.id)
