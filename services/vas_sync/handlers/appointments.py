"""Appointment events from the booking service, applied to VAS."""

from collections.abc import Awaitable, Callable

from services.vas_sync.domain.vas_port import VasSchedule
from services.vas_sync.domain.wanted import wanted_from
from services.vas_sync.usecases.made_in_vas import record_made_in_vas
from services.vas_sync.usecases.ports import SyncRows
from services.vas_sync.usecases.resident_check import check_resident
from services.vas_sync.usecases.sync import sync
from shared.contracts.appointments import (
    AppointmentBookedInVas,
    AppointmentCancelled,
    AppointmentRequested,
    AppointmentRescheduled,
    ResidentScheduleCheckRequested,
)
from shared.messaging.consumer import DriverContext, Handler, HandlerContext, OnDriver
from shared.messaging.envelope import Contract


def appointment_handlers(
    vas: VasSchedule, *, attempts: int, rows: SyncRows, units: list[str] | None = None
) -> dict[type[Contract], Handler]:
    """`rows`: the sync rows on the driver connection (adapters/sync_rows.py), which the
    appointment changes — one per booking, the hot path — run on. `units`: where a resident's
    schedule is looked at when they open their list."""

    async def change(ctx: DriverContext) -> None:
        event = ctx.message
        assert isinstance(event, AppointmentRequested | AppointmentRescheduled | AppointmentCancelled)
        emit: Callable[[Contract], Awaitable[object]] = ctx.emit
        wanted = wanted_from(event)
        await sync(ctx.db, vas, wanted, may_be_repeat=ctx.may_be_repeat, emit=emit, attempts=attempts, rows=rows)

    on_change = OnDriver(change)

    async def on_made_in_vas(ctx: HandlerContext) -> None:
        assert isinstance(ctx.message, AppointmentBookedInVas)
        await record_made_in_vas(ctx.session, ctx.message)

    async def on_check(ctx: HandlerContext) -> None:
        assert isinstance(ctx.message, ResidentScheduleCheckRequested)
        emit: Callable[[Contract], Awaitable[object]] = ctx.emit
        await check_resident(ctx.session, vas, ctx.message.subject, units=units or [], emit=emit)

    return {
        ResidentScheduleCheckRequested: on_check,
        AppointmentRequested: on_change,
        AppointmentRescheduled: on_change,
        AppointmentCancelled: on_change,
        AppointmentBookedInVas: on_made_in_vas,
    }
