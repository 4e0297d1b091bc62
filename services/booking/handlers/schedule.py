"""Changes made in VAS: published and withdrawn times, phone bookings and clinic cancellations.

VAS is the source of truth for the clinics' schedules; these keep the replica and the
residents' lists in step with it.
"""

import uuid

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.booking.adapters import appointment_repo, slot_repo
from services.booking.adapters.tables import appointments, slots
from services.booking.domain.appointment import LIVE, Status
from services.booking.handlers.status_signal import signal_status_change
from services.booking.usecases.cancellation import record_cancellation
from services.booking.usecases.commands import Who
from shared.contracts.appointments import AppointmentBookedInVas
from shared.contracts.common import Actor, Channel
from shared.contracts.schedule import SlotPublished, SlotWithdrawn, VasAppointmentBooked, VasAppointmentCancelled
from shared.db import Executor
from shared.logging import get_logger
from shared.messaging.consumer import HandlerContext
from shared.messaging.errors import TransientError

log = get_logger(__name__)


def _newer(seq: int | None) -> sa.ColumnElement[bool]:
    """The change is not older than what the row holds (events without a sequence always apply)."""
    if seq is None:
        return sa.true()
    return sa.or_(slots.c.vas_seq.is_(None), slots.c.vas_seq < seq)


async def on_slot_published(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, SlotPublished)
    values = {
        "clinic_hsa_id": event.clinic_hsa_id.upper(),
        "time_type_code": event.time_type_code,
        "practitioner_id": event.practitioner_id,
        "start_at": event.start,
        "end_at": event.end,
        "web_bookable": event.web_bookable,
        "vas_seq": event.vas_seq,
    }
    statement = insert(slots).values(id=event.slot_id, status="free", **values)
    await ctx.session.execute(
        statement.on_conflict_do_update(
            index_elements=[slots.c.id],
            # Re-publishing a withdrawn time frees it; a held or booked one keeps its state.
            set_={
                **values,
                "updated_at": sa.func.now(),
                "status": sa.case((slots.c.status == "withdrawn", "free"), else_=slots.c.status),
            },
            where=_newer(event.vas_seq),
        )
    )


async def on_slot_withdrawn(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, SlotWithdrawn)
    withdrawn = {
        "status": sa.case((slots.c.status.in_(("free", "held")), "withdrawn"), else_=slots.c.status),
        "held_by": sa.case((slots.c.status == "held", None), else_=slots.c.held_by),
        "hold_expires_at": sa.case((slots.c.status == "held", None), else_=slots.c.hold_expires_at),
        "vas_seq": sa.func.coalesce(event.vas_seq, slots.c.vas_seq),
        "updated_at": sa.func.now(),
    }
    if event.vas_seq is None or event.start is None or event.end is None:
        await ctx.session.execute(
            slots.update().where(slots.c.id == event.slot_id, _newer(event.vas_seq)).values(**withdrawn)
        )
        return
    # One statement, so that a "published" handled at the same moment cannot slip in between:
    # withdrawn before we saw it published (events overtook each other), the time is remembered
    # withdrawn and the older "published" that arrives later cannot offer it.
    statement = insert(slots).values(
        id=event.slot_id,
        clinic_hsa_id=(event.clinic_hsa_id or "").upper(),
        time_type_code=event.time_type_code or "",
        start_at=event.start,
        end_at=event.end,
        status="withdrawn",
        vas_seq=event.vas_seq,
    )
    await ctx.session.execute(
        statement.on_conflict_do_update(index_elements=[slots.c.id], set_=withdrawn, where=_newer(event.vas_seq))
    )


async def on_vas_appointment_booked(ctx: HandlerContext) -> None:
    """A booking made in VAS (e.g. by phone at the clinic) shows in the resident's list."""
    event = ctx.message
    assert isinstance(event, VasAppointmentBooked)
    session = ctx.session
    if event.reference and await _ours(session, event.reference):
        return  # our own booking, echoed back by the change feed
    known = await session.scalar(
        sa.select(appointments.c.id).where(appointments.c.vas_appointment_id == event.vas_appointment_id)
    )
    if known is not None:
        return
    # VAS has only one appointment per slot: a web booking of that slot that VAS has not made
    # has lost. One VAS did make (it has a VAS id) is left to VAS sync's answer for a pending
    # move, or to the cancel or move in VAS that must have come before this booking.
    losers = (
        await session.execute(
            sa.select(appointments.c.id, appointments.c.subject)
            .where(
                appointments.c.slot_id == event.slot_id,
                appointments.c.status.in_(tuple(LIVE)),
                appointments.c.vas_appointment_id.is_(None),
            )
            .with_for_update()
        )
    ).all()
    for loser in losers:
        await appointment_repo.update(
            session, loser.id, status=Status.REJECTED, rejection_code="REQUESTED_TIME_IS_ALREADY_RESERVED"
        )
        await appointment_repo.audit(
            session,
            action="rejected_by_vas",
            actor=Actor.CLINIC,
            actor_id=None,
            channel=Channel.VAS,
            appointment_id=loser.id,
            subject=loser.subject,
            details={"code": "REQUESTED_TIME_IS_ALREADY_RESERVED"},
        )
        await signal_status_change(session, loser.id)
    holder = await session.scalar(
        sa.select(appointments.c.id).where(
            appointments.c.slot_id == event.slot_id, appointments.c.status.in_(tuple(LIVE))
        )
    )
    if holder is not None:
        # Ours, made in VAS, still holds the time here: the cancel or move that freed it in VAS
        # (or VAS sync's refusal of our move there) has not been handled yet. Try again later.
        raise TransientError("an appointment VAS made still holds the slot")
    appointment_id = uuid.uuid4()
    await appointment_repo.insert_appointment(
        session,
        id=appointment_id,
        subject=event.subject,
        slot_id=event.slot_id,
        clinic_hsa_id=event.clinic_hsa_id.upper(),
        time_type_code=event.time_type_code,
        start_at=event.start,
        end_at=event.end,
        status=Status.BOOKED,
        version=1,
        channel=event.channel,
        actor=Actor.CLINIC,
        vas_appointment_id=event.vas_appointment_id,
    )
    await slot_repo.release(session, slot_id=event.slot_id, status="busy")
    await appointment_repo.audit(
        session,
        action="booked_in_vas",
        actor=Actor.CLINIC,
        actor_id=None,
        channel=event.channel,
        appointment_id=appointment_id,
        subject=event.subject,
        details={"vas_appointment_id": event.vas_appointment_id},
    )
    await ctx.emit(
        AppointmentBookedInVas(
            appointment_id=appointment_id,
            version=1,
            vas_appointment_id=event.vas_appointment_id,
            slot_id=event.slot_id,
            clinic_hsa_id=event.clinic_hsa_id.upper(),
            time_type_code=event.time_type_code,
            start=event.start,
            end=event.end,
            subject=event.subject,
            channel=event.channel,
        )
    )


async def on_vas_appointment_cancelled(ctx: HandlerContext) -> None:
    """The clinic cancelled in VAS: the resident sees it cancelled, with the clinic as actor."""
    event = ctx.message
    assert isinstance(event, VasAppointmentCancelled)
    session = ctx.session
    condition = appointments.c.vas_appointment_id == event.vas_appointment_id
    if event.reference and _is_uuid(event.reference):
        condition = sa.or_(condition, appointments.c.id == uuid.UUID(event.reference))
    row = (await session.execute(sa.select(appointments).where(condition).with_for_update())).first()
    if row is None or row.status not in LIVE:
        return
    if row.vas_appointment_id != event.vas_appointment_id:
        # Another VAS appointment under our reference: a duplicate VAS sync cancelled, or one
        # cancelled before VAS sync's confirmation told us which is ours. Not the resident's
        # booking; should it really have been cancelled in VAS, reconciliation reports it again
        # with the VAS id we know.
        log.info("vas_cancellation_of_another_vas_appointment", appointment_id=str(row.id))
        return
    clinic = Who(actor=event.actor, channel=Channel.VAS)
    await record_cancellation(session, row, who=clinic, reason=event.reason, action="cancelled_in_vas", emit=ctx.emit)
    await signal_status_change(session, row.id)


async def _ours(session: Executor, reference: str) -> bool:
    if not _is_uuid(reference):
        return False
    return (
        await session.scalar(sa.select(appointments.c.id).where(appointments.c.id == uuid.UUID(reference))) is not None
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
