"""What an appointment event asks of VAS, as one target state ("booked on slot S" or
"cancelled") at a version. Applying the newest version's target is enough: an older event that
arrives later is stale, and a cancel that overtakes its create simply wins."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from shared.contracts.appointments import AppointmentCancelled, AppointmentRequested, AppointmentRescheduled
from shared.contracts.common import Actor, Channel

# Our channels as VAS knows them.
_VAS_CHANNEL = {Channel.WEB: "web", Channel.PHONE: "phone", Channel.STAFF_LINK: "clinic"}


@dataclass(frozen=True)
class Wanted:
    appointment_id: uuid.UUID
    version: int
    booked: bool
    slot_id: str
    clinic_hsa_id: str
    start: datetime
    subject: str
    vas_channel: str
    time_type_code: str = ""
    end: datetime | None = None
    cancel_reason: str | None = None
    cancelled_by: str = "patient"
    # The time it was on before a reschedule (where a lost attempt may still hold it).
    previous_slot_id: str | None = None
    # The resident's names as the population register has them (crm:scheduling requires them).
    given_name: str | None = None
    family_name: str | None = None
    by_staff: str | None = None  # the HSA-id of staff acting for the resident
    # The VAS appointment booking knows for it (a move or cancel): the one to change when no
    # earlier version has been applied here — a phone booking, which VAS holds without our reference.
    vas_appointment_id: str | None = None

    @property
    def reference(self) -> str:
        return str(self.appointment_id)


def wanted_from(event: AppointmentRequested | AppointmentRescheduled | AppointmentCancelled) -> Wanted:
    cancelled = isinstance(event, AppointmentCancelled)
    by_resident = event.actor in (Actor.CITIZEN, Actor.GUARDIAN)
    return Wanted(
        appointment_id=event.appointment_id,
        version=event.version,
        booked=not cancelled,
        slot_id=event.slot_id,
        clinic_hsa_id=event.clinic_hsa_id.upper(),
        start=event.start,
        subject=event.subject,
        vas_channel=_VAS_CHANNEL.get(event.channel, "web"),
        time_type_code=event.time_type_code,
        end=None if isinstance(event, AppointmentCancelled) else event.end,
        cancel_reason=event.reason if isinstance(event, AppointmentCancelled) else None,
        cancelled_by="patient" if by_resident else "clinic",
        previous_slot_id=event.old_slot_id if isinstance(event, AppointmentRescheduled) else None,
        given_name=None if isinstance(event, AppointmentCancelled) else event.subject_given_name,
        family_name=None if isinstance(event, AppointmentCancelled) else event.subject_family_name,
        by_staff=None if by_resident else event.actor_id,
        vas_appointment_id=None if isinstance(event, AppointmentRequested) else event.vas_appointment_id,
    )


# VAS refusals that end a booking attempt: the resident must choose another time.
REFUSALS_THAT_REJECT = frozenset(
    {
        "REQUESTED_TIME_IS_ALREADY_RESERVED",
        "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE",
        "REQUESTED_TIME_HAS_ALREADY_PASSED",
        "APPOINTMENT_IS_NOT_ALLOWED",
        "APPOINTMENT_IS_ALREADY_CANCELED",
        "APPOINTMENT_DOES_NOT_EXIST",
        "INVALID_REQUEST",
        "TOO_LATE_TO_MAKE_APPOINTMENT",
        "TOO_LATE_TO_UPDATE_APPOINTMENT",
        "USER_IS_ALREADY_OCCUPIED",
        "SUBJECT_NAME_MISSING",
    }
)
# Refusals of a cancel that mean it is cancelled already.
ALREADY_GONE = frozenset({"APPOINTMENT_IS_ALREADY_CANCELED", "APPOINTMENT_DOES_NOT_EXIST"})
