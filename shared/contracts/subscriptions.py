"""Who consumes what: every consumer queue of every service and the message types bound to it.

The services' consumers must match this table (`Messaging.consumer` refuses a handler table that
does not), and `docs/asyncapi.yaml` is generated from it and from `owners.py`, so the document, the
bindings and the code cannot drift apart. The queue of ``(service, consumer)`` is
``{ns}.{service}.{consumer}`` (shared.messaging.topology).
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
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.envelope import Contract

SUBSCRIPTIONS: dict[tuple[str, str], tuple[type[Contract], ...]] = {
    # Booking learns what VAS answered, what changed in the clinics' schedules, and the follow-up
    # list's cancellations.
    ("booking", "vas-results"): (AppointmentConfirmed, AppointmentRejected),
    ("booking", "schedule"): (
        SlotPublished,
        SlotWithdrawn,
        VasAppointmentBooked,
        VasAppointmentCancelled,
        VasAppointmentMoved,
    ),
    ("booking", "eligibility-commands"): (CancelAppointmentForEligibility,),
    # VAS sync makes the residents' changes in VAS.
    ("vas_sync", "appointments"): (
        AppointmentRequested,
        AppointmentRescheduled,
        AppointmentCancelled,
        AppointmentBookedInVas,
        ResidentScheduleCheckRequested,
    ),
    # Eligibility counts doses booked and given, and keeps the follow-up list.
    ("eligibility", "appointments"): (
        AppointmentRequested,
        AppointmentBookedInVas,
        AppointmentRescheduled,
        AppointmentCancelled,
        AppointmentRejected,
    ),
    # Notifications confirms, reminds and tells of changes.
    ("notifications", "appointments"): (
        AppointmentRequested,
        AppointmentRescheduled,
        AppointmentCancelled,
        AppointmentConfirmed,
        AppointmentRejected,
    ),
}
