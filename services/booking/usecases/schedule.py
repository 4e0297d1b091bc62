"""Changes made in VAS: published and withdrawn times, phone bookings and clinic cancellations.

VAS is the source of truth for the clinics' schedules; these keep the replica and the
residents' lists in step with it.
"""

import uuid

from services.booking.adapters import appointment_repo, schedule_repo, slot_repo
from services.booking.adapters.status_signal import signal_status_change
from services.booking.domain.appointment import LIVE, Status
from services.booking.usecases.cancellation import Emit, record_cancellation
from services.booking.usecases.commands import Who
from services.booking.usecases.slot_taken_in_vas import reject_unmade_bookings
from shared.contracts.appointments import AppointmentBookedInVas
from shared.contracts.common import Actor, Channel
from shared.contracts.schedule import SlotPublished, SlotWithdrawn, VasAppointmentBooked, VasAppointmentCancelled
from shared.db import Executor
from shared.messaging.errors import TransientError


async def slot_published(session: Executor, event: SlotPublished) -> None:
    await schedule_repo.publish(
        session,
        slot_id=event.slot_id,
        vas_seq=event.vas_seq,
        clinic_hsa_id=event.clinic_hsa_id.upper(),
        time_type_code=event.time_type_code,
        practitioner_id=event.practitioner_id,
        start_at=event.start,
        end_at=event.end,
        web_bookable=event.web_bookable,
    )


async def slot_withdrawn(session: Executor, event: SlotWithdrawn) -> None:
    await schedule_repo.withdraw(
        session,
        slot_id=event.slot_id,
        vas_seq=event.vas_seq,
        clinic_hsa_id=event.clinic_hsa_id,
        time_type_code=event.time_type_code,
        start=event.start,
        end=event.end,
    )


async def booked_in_vas(session: Executor, event: VasAppointmentBooked, *, emit: Emit) -> None:
    """A booking made in VAS (e.g. by phone at the clinic) shows in the resident's list."""
    if (
        event.reference
        and _is_uuid(event.reference)
        and await schedule_repo.exists(session, uuid.UUID(event.reference))
    ):
        return  # our own booking, echoed back by the change feed
    if await schedule_repo.id_by_vas_appointment(session, event.vas_appointment_id) is not None:
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
    await emit(
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


async def cancelled_in_vas(session: Executor, event: VasAppointmentCancelled, *, emit: Emit) -> None:
    """The clinic cancelled in VAS: the resident sees it cancelled, with the clinic as actor."""
    # Only the VAS appointment booking knows from the confirmation: another one under our
    # reference (a duplicate VAS sync cancelled, or one cancelled before the confirmation told us
    # which is ours) is not the resident's booking; should that really have been cancelled in
    # VAS, reconciliation reports it again with the VAS id we know.
    row = await schedule_repo.locked_by_vas_appointment(session, event.vas_appointment_id)
    if row is None or row.status not in LIVE:
        return
    clinic = Who(actor=event.actor, channel=Channel.VAS)
    await record_cancellation(session, row, who=clinic, reason=event.reason, action="cancelled_in_vas", emit=emit)
    await signal_status_change(session, row.id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
