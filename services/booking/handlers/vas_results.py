"""VAS sync's answers (usecases/vas_results.py) and eligibility's command from the call-back list
(usecases/follow_up_cancel.py)."""

from services.booking.usecases import follow_up_cancel, vas_results
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.messaging.routes import calls, calls_emitting, handlers, on_driver

VAS_RESULTS = handlers(
    on_driver(AppointmentConfirmed, vas_results.confirmed),
    calls(AppointmentRejected, vas_results.rejected),
)
ELIGIBILITY_COMMANDS = handlers(
    calls_emitting(CancelAppointmentForEligibility, follow_up_cancel.cancel_after_follow_up),
)
