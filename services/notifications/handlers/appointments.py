"""Appointment events → the replica → notices and reminders in the schedule (one transaction each).

The handler only writes rows; the dispatcher sends them. Contact details and consent are
read when a message goes out, so a withdrawn consent is honoured at once.
"""

from dataclasses import dataclass
from datetime import UTC

from services.notifications.adapters import replica_repo, schedule_repo
from services.notifications.domain import replica as rules
from services.notifications.domain.clock import Clock
from services.notifications.domain.planner import Planner, text_params
from services.notifications.domain.replica import Details, Effects, Replica
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
        replica = await replica_repo.lock(ctx.session, event.appointment_id)
        effects = _apply(replica, event)
        await replica_repo.save(ctx.session, replica)
        await self._schedule(ctx, replica, effects)

    async def _schedule(self, ctx: HandlerContext, r: Replica, effects: Effects) -> None:
        now = self.clock.now()
        if effects.drop_reminders:
            await schedule_repo.drop_reminders(ctx.session, appointment_id=r.id, reason=effects.drop_reminders, now=now)
        if r.subject is None:
            return
        planned = []
        for notice in effects.notices:
            extra = {"cancelled_by": notice.cancelled_by} if notice.cancelled_by else {}
            params = text_params(start=notice.start, clinic_name=r.clinic_name, **extra)
            # A confirmation of a visit that has begun is no use; a cancellation or refusal always is.
            not_after = notice.start if notice.kind in ("confirmation", "rescheduled") else None
            planned += self.planner.notice(notice.kind, ref=notice.ref, now=now, not_after=not_after, params=params)
        if effects.plan_reminders and r.start_at is not None:
            params = text_params(start=r.start_at, clinic_name=r.clinic_name)
            planned += self.planner.reminders(now=now, start=r.start_at, time_type_code=r.time_type_code, params=params)
        await schedule_repo.add(ctx.session, appointment_id=r.id, subject=r.subject, planned=planned)


def _apply(
    r: Replica,
    event: AppointmentRequested
    | AppointmentRescheduled
    | AppointmentCancelled
    | AppointmentConfirmed
    | AppointmentRejected,
) -> Effects:
    if isinstance(event, AppointmentConfirmed):
        return rules.on_confirmed(r, event.version)
    if isinstance(event, AppointmentRejected):
        return rules.on_rejected(r, event.version, event.code)
    if isinstance(event, AppointmentCancelled):
        return rules.on_cancelled(
            r, version=event.version, actor=event.actor, subject=event.subject, start=event.start.astimezone(UTC)
        )
    details = Details(
        version=event.version,
        kind="requested" if isinstance(event, AppointmentRequested) else "rescheduled",
        subject=event.subject,
        clinic_hsa_id=event.clinic_hsa_id,
        clinic_name=event.clinic_name,
        time_type_code=event.time_type_code,
        start=event.start.astimezone(UTC),
        end=event.end.astimezone(UTC),
    )
    return rules.on_details(r, details)
