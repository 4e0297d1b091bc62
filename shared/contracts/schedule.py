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


class SlotWithdrawn(Contract):
    """The clinic took a free time away (or VAS filled it outside web booking)."""

    message_type = "schedule.slot.withdrawn"

    slot_id: str
    reason: str | None = None


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
