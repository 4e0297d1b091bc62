"""VAS sync's answers (usecases/vas_results.py) and eligibility's command from the call-back list
(usecases/follow_up_cancel.py)."""

from services.booking.usecases import follow_up_cancel, vas_results
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.messaging.consumer import Handler, HandlerContext
from shared.messaging.envelope import Contract


async def on_confirmed(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentConfirmed)
    await vas_results.confirmed(ctx.session, ctx.message)


async def on_rejected(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentRejected)
    await vas_results.rejected(ctx.session, ctx.message)


async def on_cancel_for_eligibility(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, CancelAppointmentForEligibility)
    await follow_up_cancel.cancel_after_follow_up(ctx.session, ctx.message, emit=ctx.emit)


VAS_RESULTS: dict[type[Contract], Handler] = {AppointmentConfirmed: on_confirmed, AppointmentRejected: on_rejected}
ELIGIBILITY_COMMANDS: dict[type[Contract], Handler] = {CancelAppointmentForEligibility: on_cancel_for_eligibility}
