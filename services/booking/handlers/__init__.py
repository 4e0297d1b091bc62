"""Message handlers of the booking service, by consumer."""

from services.booking.handlers.schedule import (
    on_slot_published,
    on_slot_withdrawn,
    on_vas_appointment_booked,
    on_vas_appointment_cancelled,
)
from services.booking.handlers.vas_moves import on_vas_appointment_moved
from services.booking.handlers.vas_results import on_confirmed, on_rejected
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.consumer import Handler
from shared.messaging.envelope import Contract

VAS_RESULTS: dict[type[Contract], Handler] = {
    AppointmentConfirmed: on_confirmed,
    AppointmentRejected: on_rejected,
}

SCHEDULE: dict[type[Contract], Handler] = {
    SlotPublished: on_slot_published,
    SlotWithdrawn: on_slot_withdrawn,
    VasAppointmentBooked: on_vas_appointment_booked,
    VasAppointmentCancelled: on_vas_appointment_cancelled,
    VasAppointmentMoved: on_vas_appointment_moved,
}
