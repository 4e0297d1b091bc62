"""Eligibility's command: staff cancelled a booking from the follow-up list. Booking cancels it
like any cancellation (slot free, audit, `AppointmentCancelled` to VAS sync and notifications)."""

from services.booking.adapters import appointment_repo
from services.booking.adapters.status_signal import signal_status_change
from services.booking.domain.appointment import LIVE
from services.booking.usecases.cancellation import Emit, record_cancellation
from services.booking.usecases.commands import Who
from shared.contracts.common import Actor, Channel
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.db import Executor
from shared.logging import get_logger

log = get_logger(__name__)

REASON = "Bokningen uppfyllde inte villkoren för vaccinationen / The booking did not meet the vaccination criteria"


async def cancel_after_follow_up(session: Executor, command: CancelAppointmentForEligibility, *, emit: Emit) -> None:
    row = await appointment_repo.get(session, command.appointment_id, for_update=True)
    if row is None or row.status not in LIVE:
        return  # already cancelled or refused: nothing left to do
    if command.staff_clinics is not None and row.clinic_hsa_id.upper() not in {
        c.upper() for c in command.staff_clinics
    }:
        # Eligibility checks the scope too; booking does not take its word for it.
        log.warning("follow_up_cancel_outside_scope", appointment_id=str(row.id), staff=command.staff_hsa_id)
        await appointment_repo.audit(
            session,
            action="cancel_after_follow_up_refused",
            actor=Actor.HEALTH_PROFESSIONAL,
            actor_id=command.staff_hsa_id,
            channel=Channel.SYSTEM,
            appointment_id=row.id,
            subject=row.subject,
            details={"reason": "outside the staff member's clinics"},
        )
        return
    await record_cancellation(
        session,
        row,
        who=Who(actor=Actor.HEALTH_PROFESSIONAL, channel=Channel.SYSTEM, actor_id=command.staff_hsa_id),
        reason=command.reason or REASON,
        action="cancel_after_follow_up",
        emit=emit,
    )
    await signal_status_change(session, row.id)
