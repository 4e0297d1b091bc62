"""Recording that an appointment moved to another time, whoever moved it (the resident on the
web, or the clinic in VAS): the audit record and the `AppointmentRescheduled` event."""

from dataclasses import dataclass
from datetime import datetime

from services.booking.adapters import appointment_repo
from services.booking.domain.appointment import Appointment
from services.booking.usecases.cancellation import Emit
from services.booking.usecases.commands import Who
from shared.contracts.appointments import AppointmentRescheduled
from shared.db import Executor


@dataclass(frozen=True)
class NewTime:
    slot_id: str
    start: datetime
    end: datetime
    clinic_name: str | None


async def record_move(
    session: Executor,
    row: Appointment,
    to: NewTime,
    *,
    version: int,
    who: Who,
    action: str,
    emit: Emit,
    reason: str | None = None,
) -> None:
    """`row` is the appointment as it was before the move (same clinic and time type after it)."""
    await appointment_repo.audit(
        session,
        action=action,
        actor=who.actor,
        actor_id=who.actor_id,
        channel=who.channel,
        appointment_id=row.id,
        subject=row.subject,
        # Whether a reason was given, not the reason: it may say something about the person's health.
        details={"old_slot_id": row.slot_id, "slot_id": to.slot_id, "reason_given": bool(reason)},
    )
    await emit(
        AppointmentRescheduled(
            appointment_id=row.id,
            version=version,
            old_slot_id=row.slot_id,
            slot_id=to.slot_id,
            clinic_hsa_id=row.clinic_hsa_id,
            clinic_name=to.clinic_name,
            time_type_code=row.time_type_code,
            start=to.start,
            end=to.end,
            subject=row.subject,
            subject_given_name=who.given_name,
            subject_family_name=who.family_name,
            actor=who.actor,
            actor_id=who.actor_id,
            channel=who.channel,
            vas_appointment_id=row.vas_appointment_id,
        )
    )
