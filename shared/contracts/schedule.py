"""Changes in the clinics' schedules (VAS is the source of truth), published for the replicas."""

from pydantic import AwareDatetime

from shared.contracts.common import Actor, Channel
from shared.messaging.envelope import Contract


class SlotPublished(Contract):
    """A free time was published (or updated) in a clinic's schedule."""

    message_type = "schedule.slot.published"

    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    start: AwareDatetime
    end: AwareDatetime
    practitioner_id: str | None = None
    web_bookable: bool = True
    # Position in VAS's change feed: a replica applies a slot change only if it is newer.
    vas_seq: int | None = None


class SlotWithdrawn(Contract):
    """The clinic took a free time away (or VAS filled it outside web booking)."""

    message_type = "schedule.slot.withdrawn"

    slot_id: str
    reason: str | None = None
    vas_seq: int | None = None
    # The time itself, so a replica that has not seen it published can still record it withdrawn.
    clinic_hsa_id: str | None = None
    time_type_code: str | None = None
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None


class VasAppointmentBooked(Contract):
    """An appointment made in VAS itself (a phone booking at the clinic)."""

    message_type = "schedule.appointment.booked"

    vas_appointment_id: str
    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    start: AwareDatetime
    end: AwareDatetime
    subject: str
    reference: str | None = None
    channel: Channel = Channel.VAS


class VasAppointmentCancelled(Contract):
    """An appointment cancelled in VAS by the clinic."""

    message_type = "schedule.appointment.cancelled"

    vas_appointment_id: str
    slot_id: str
    reference: str | None = None
    actor: Actor = Actor.CLINIC
    reason: str | None = None


class VasAppointmentMoved(Contract):
    """An appointment moved to another time in VAS (by the clinic, or our own move echoed back)."""

    message_type = "schedule.appointment.moved"

    vas_appointment_id: str
    reference: str | None = None
    slot_id: str
    previous_slot_id: str
    start: AwareDatetime
    end: AwareDatetime
