"""The clinic moved an appointment to another time in VAS: the resident's list follows."""

import uuid

import sqlalchemy as sa

from services.booking.adapters import appointment_repo, slot_repo
from services.booking.adapters.tables import appointments, slots
from services.booking.domain.appointment import LIVE
from services.booking.handlers.status_signal import signal_status_change
from services.booking.usecases.commands import Who
from services.booking.usecases.events import emit
from services.booking.usecases.moving import NewTime, record_move
from shared.contracts.common import Actor, Channel
from shared.contracts.schedule import VasAppointmentMoved
from shared.messaging.consumer import HandlerContext

CLINIC_IN_VAS = Who(actor=Actor.CLINIC, channel=Channel.VAS)


async def on_vas_appointment_moved(ctx: HandlerContext) -> None:
    event = ctx.message
    assert isinstance(event, VasAppointmentMoved)
    session = ctx.session
    condition = appointments.c.vas_appointment_id == event.vas_appointment_id
    if event.reference and _is_uuid(event.reference):
        condition = sa.or_(condition, appointments.c.id == uuid.UUID(event.reference))
    row = (await session.execute(sa.select(appointments).where(condition).with_for_update())).first()
    if row is None or row.status not in LIVE or row.slot_id == event.slot_id:
        return  # not ours to follow, or our own move echoed back
    if row.slot_id != event.previous_slot_id:
        # A move from a time the appointment is no longer at: an earlier move of ours echoed
        # back late, or a clinic move overtaken by the resident's own (which VAS sync applies
        # next). Following it would move the booking back and forth between VAS and us.
        return
    clinic_name = await session.scalar(
        sa.text("SELECT name FROM clinics WHERE hsa_id = :hsa_id"), {"hsa_id": row.clinic_hsa_id}
    )
    version = int(row.version) + 1
    await appointment_repo.update(
        session, row.id, slot_id=event.slot_id, start_at=event.start, end_at=event.end, version=version
    )
    await slot_repo.release(session, slot_id=row.slot_id)
    await session.execute(
        slots.update().where(slots.c.id == event.slot_id).values(status="busy", held_by=None, hold_expires_at=None)
    )
    await record_move(
        session,
        row,
        NewTime(slot_id=event.slot_id, start=event.start, end=event.end, clinic_name=clinic_name),
        version=version,
        who=CLINIC_IN_VAS,
        action="moved_in_vas",
        emit=lambda message: emit(session, message, namespace=ctx.namespace, causation=ctx.envelope),
    )
    await signal_status_change(session, row.id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
