"""Changes made in VAS, from VAS sync's change feed (usecases/schedule.py, usecases/vas_moves.py)."""

from services.booking.usecases import schedule, vas_moves
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.routes import calls, calls_emitting, handlers

SCHEDULE = handlers(
    calls(SlotPublished, schedule.slot_published),
    calls(SlotWithdrawn, schedule.slot_withdrawn),
    calls_emitting(VasAppointmentBooked, schedule.booked_in_vas),
    calls_emitting(VasAppointmentCancelled, schedule.cancelled_in_vas),
    calls_emitting(VasAppointmentMoved, vas_moves.moved_in_vas),
)
