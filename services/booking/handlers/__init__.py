"""Message handlers of the booking service, by consumer: each decodes its message and hands it to
one use case (usecases/), in the consumer's transaction."""

from services.booking.handlers.schedule import SCHEDULE
from services.booking.handlers.vas_results import ELIGIBILITY_COMMANDS, VAS_RESULTS

__all__ = ["ELIGIBILITY_COMMANDS", "SCHEDULE", "VAS_RESULTS"]
