"""Booking's appointment events, as eligibility needs them (usecases/appointments.py)."""

from services.eligibility.usecases import appointments
from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.messaging.consumer import Handler, HandlerContext
from shared.messaging.envelope import Contract


async def on_requested(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentRequested)
    await appointments.requested(ctx.session, ctx.message)


async def on_booked_in_vas(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentBookedInVas)
    await appointments.booked_in_vas(ctx.session, ctx.message)


async def on_rescheduled(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentRescheduled)
    await appointments.rescheduled(ctx.session, ctx.message)


async def on_cancelled(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentCancelled)
    await appointments.cancelled(ctx.session, ctx.message)


async def on_rejected(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, AppointmentRejected)
    await appointments.rejected(ctx.session, ctx.message)


APPOINTMENTS: dict[type[Contract], Handler] = {
    AppointmentRequested: on_requested,
    AppointmentBookedInVas: on_booked_in_vas,
    AppointmentRescheduled: on_rescheduled,
    AppointmentCancelled: on_cancelled,
    AppointmentRejected: on_rejected,
}
