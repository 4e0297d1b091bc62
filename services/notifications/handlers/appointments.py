"""Appointment events from booking and VAS sync, decoded and handed to usecases/appointments.py."""

from dataclasses import dataclass

from services.notifications.domain.planner import Planner
from services.notifications.usecases.appointments import apply_event
from shared.clock import Clock
from shared.contracts.appointments import (
    AppointmentCancelled,
    AppointmentConfirmed,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.identity import InvalidPersonnummer, normalize
from shared.messaging.consumer import Handler, HandlerContext
from shared.messaging.envelope import Contract
from shared.messaging.errors import PermanentError


@dataclass(frozen=True)
class AppointmentHandlers:
    planner: Planner
    clock: Clock

    def handlers(self) -> dict[type[Contract], Handler]:
        return {
            AppointmentRequested: self.handle,
            AppointmentRescheduled: self.handle,
            AppointmentCancelled: self.handle,
            AppointmentConfirmed: self.handle,
            AppointmentRejected: self.handle,
        }

    async def handle(self, ctx: HandlerContext) -> None:
        event = ctx.message
        assert isinstance(
            event,
            AppointmentRequested
            | AppointmentRescheduled
            | AppointmentCancelled
            | AppointmentConfirmed
            | AppointmentRejected,
        )
        if hasattr(event, "subject"):
            try:
                event = event.model_copy(update={"subject": normalize(event.subject)})
            except InvalidPersonnummer:
                raise PermanentError("subject is not a valid personnummer") from None
        await apply_event(ctx.session, event, planner=self.planner, clock=self.clock)
