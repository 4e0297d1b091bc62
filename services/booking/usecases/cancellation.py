"""Recording a cancellation, whoever made it (resident, staff, or the clinic in VAS)."""

from collections.abc import Awaitable, Callable
from typing import Any

from services.booking.adapters import appointment_repo, slot_repo
from services.booking.domain.appointment import Appointment, Status
from services.booking.usecases.commands import Who
from shared.contracts.appointments import AppointmentCancelled
from shared.db import Executor
from shared.messaging.envelope import Contract

Emit = Callable[[Contract], Awaitable[Any]]


async def record_cancellation(
    session: Executor, row: Appointment, *, who: Who, reason: str | None, action: str, emit: Emit
) -> int:
    """Cancel `row` (locked by the caller): new version, slot free again at once, audit record
    and `AppointmentCancelled` event. Returns the new version."""
    version = row.version + 1
    await appointment_repo.update(session, row.id, status=Status.CANCELLED, version=version, cancelled_by=who.actor)
    await slot_repo.release(session, slot_id=row.slot_id)
    await appointment_repo.audit(
        session,
        action=action,
        actor=who.actor,
        actor_id=who.actor_id,
        channel=who.channel,
        appointment_id=row.id,
        subject=row.subject,
        details={"reason_given": bool(reason)},
    )
    await emit(
        AppointmentCancelled(
            appointment_id=row.id,
            version=version,
            slot_id=row.slot_id,
            clinic_hsa_id=row.clinic_hsa_id,
            time_type_code=row.time_type_code,
            start=row.start_at,
            subject=row.subject,
            actor=who.actor,
            actor_id=who.actor_id,
            channel=who.channel,
            reason=reason,
            vas_appointment_id=row.vas_appointment_id,
        )
    )
    return version
