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
from services.booking.handlers.slot_taken_in_vas import reject_unmade_bookings
from services.booking.handlers.status_signal import signal_status_change
from services.booking.usecases.cancellation import record_cancellation
from services.booking.usecases.commands import Who
from shared.contracts.appointments import AppointmentBookedInVas
from shared.contracts.common import Actor, Channel
from shared.contracts.schedule import SlotPublished, SlotWithdrawn, VasAppointmentBooked, VasAppointmentCancelled
from shared.db import Executor
from shared.messaging.consumer import HandlerContext
from shared.messaging.errors import TransientError


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
    if not await reject_unmade_bookings(session, event.slot_id):
        raise TransientError("an appointment VAS made still holds the slot")  # try again later
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
    # Only the VAS appointment booking knows from the confirmation: another one under our
    # reference (a duplicate VAS sync cancelled, or one cancelled before the confirmation told us
    # which is ours) is not the resident's booking; should that really have been cancelled in
    # VAS, reconciliation reports it again with the VAS id we know.
    query = sa.select(appointments).where(appointments.c.vas_appointment_id == event.vas_appointment_id)
    row = (await session.execute(query.with_for_update())).first()
    if row is None or row.status not in LIVE:
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
