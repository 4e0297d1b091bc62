"""Who may send what: every message type and the one service that publishes it.

Consumers accept a message only from its owner's broker identity (RabbitMQ itself checks that a
message's `user_id` is the login that published it); anything else is parked as UNTRUSTED_SENDER.
"""

from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentConfirmed,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
    ResidentScheduleCheckRequested,
)
from shared.contracts.eligibility import CancelAppointmentForEligibility, DecideEligibility, EligibilityDecided
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.envelope import Contract

OWNERS: dict[type[Contract], str] = {
    # The resident's and staff's changes, as booking recorded them.
    AppointmentRequested: "booking",
    AppointmentRescheduled: "booking",
    AppointmentCancelled: "booking",
    AppointmentBookedInVas: "booking",
    DecideEligibility: "booking",
    ResidentScheduleCheckRequested: "booking",
    # What VAS answered, and what changed in the clinics' schedules.
    AppointmentConfirmed: "vas_sync",
    AppointmentRejected: "vas_sync",
    SlotPublished: "vas_sync",
    SlotWithdrawn: "vas_sync",
    VasAppointmentBooked: "vas_sync",
    VasAppointmentCancelled: "vas_sync",
    VasAppointmentMoved: "vas_sync",
    # Eligibility's answers and the follow-up list's cancellations.
    EligibilityDecided: "eligibility",
    CancelAppointmentForEligibility: "eligibility",
}

OWNER_OF_TYPE: dict[str, str] = {contract.message_type: service for contract, service in OWNERS.items()}
