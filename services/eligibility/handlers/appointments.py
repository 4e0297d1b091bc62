"""Booking's appointment events, as eligibility needs them (usecases/appointments.py)."""

from services.eligibility.usecases import appointments
from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.messaging.routes import calls, handlers

APPOINTMENTS = handlers(
    calls(AppointmentRequested, appointments.requested),
    calls(AppointmentBookedInVas, appointments.booked_in_vas),
    calls(AppointmentRescheduled, appointments.rescheduled),
    calls(AppointmentCancelled, appointments.cancelled),
    calls(AppointmentRejected, appointments.rejected),
)
