"""The clinic moved an appointment to another time in VAS: the resident's list follows."""

import uuid
from collections.abc import Awaitable, Callable

from services.booking.adapters import appointment_repo, schedule_repo, slot_repo
from services.booking.adapters.status_signal import signal_status_change
from services.booking.domain.appointment import LIVE
from services.booking.usecases.commands import Who
from services.booking.usecases.moving import NewTime, record_move
from shared.contracts.common import Actor, Channel
from shared.contracts.schedule import VasAppointmentMoved
from shared.db import Executor
from shared.messaging.envelope import Contract

CLINIC_IN_VAS = Who(actor=Actor.CLINIC, channel=Channel.VAS)


async def moved_in_vas(
    session: Executor, event: VasAppointmentMoved, *, emit: Callable[[Contract], Awaitable[object]]
) -> None:
    ours = uuid.UUID(event.reference) if event.reference and _is_uuid(event.reference) else None
    row = await schedule_repo.locked_by_vas_appointment(session, event.vas_appointment_id, or_id=ours)
    if row is None or row.status not in LIVE or row.slot_id == event.slot_id:
        return  # not ours to follow, or our own move echoed back
    if row.slot_id != event.previous_slot_id:
        # A move from a time the appointment is no longer at: an earlier move of ours echoed
        # back late, or a clinic move overtaken by the resident's own (which VAS sync applies
        # next). Following it would move the booking back and forth between VAS and us.
        return
    clinic_name = await schedule_repo.clinic_name(session, row.clinic_hsa_id)
    version = int(row.version) + 1
    await appointment_repo.update(
        session, row.id, slot_id=event.slot_id, start_at=event.start, end_at=event.end, version=version
    )
    await slot_repo.release(session, slot_id=row.slot_id)
    await schedule_repo.mark_busy(session, event.slot_id)
    await record_move(
        session,
        row,
        NewTime(slot_id=event.slot_id, start=event.start, end=event.end, clinic_name=clinic_name),
        version=version,
        who=CLINIC_IN_VAS,
        action="moved_in_vas",
        emit=emit,
    )
    await signal_status_change(session, row.id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
