"""Changes made in VAS, from VAS sync's change feed (usecases/schedule.py, usecases/vas_moves.py)."""

from services.booking.usecases import schedule, vas_moves
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.consumer import Handler, HandlerContext
from shared.messaging.envelope import Contract


async def on_slot_published(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, SlotPublished)
    await schedule.slot_published(ctx.session, ctx.message)


async def on_slot_withdrawn(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, SlotWithdrawn)
    await schedule.slot_withdrawn(ctx.session, ctx.message)


async def on_vas_appointment_booked(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, VasAppointmentBooked)
    await schedule.booked_in_vas(ctx.session, ctx.message, emit=ctx.emit)


async def on_vas_appointment_cancelled(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, VasAppointmentCancelled)
    await schedule.cancelled_in_vas(ctx.session, ctx.message, emit=ctx.emit)


async def on_vas_appointment_moved(ctx: HandlerContext) -> None:
    assert isinstance(ctx.message, VasAppointmentMoved)
    await vas_moves.moved_in_vas(ctx.session, ctx.message, emit=ctx.emit)


SCHEDULE: dict[type[Contract], Handler] = {
    SlotPublished: on_slot_published,
    SlotWithdrawn: on_slot_withdrawn,
    VasAppointmentBooked: on_vas_appointment_booked,
    VasAppointmentCancelled: on_vas_appointment_cancelled,
    VasAppointmentMoved: on_vas_appointment_moved,
}
