"""An appointment event applied to the replica, and the notices and reminders it schedules (in the
consumer's transaction). Only rows are written; the dispatcher sends them. Contact details and
consent are read when a message goes out, so a withdrawn consent is honoured at once."""

from datetime import UTC, datetime

from services.notifications.adapters import replica_repo, schedule_repo
from services.notifications.domain import replica as rules
from services.notifications.domain.planner import Planner, text_params
from services.notifications.domain.replica import Details, Effects, Replica
from services.notifications.usecases.ports import Replicas, Schedule
from shared.clock import Clock
from shared.contracts.appointments import (
    AppointmentCancelled,
    AppointmentConfirmed,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.db import Executor

Event = (
    AppointmentRequested | AppointmentRescheduled | AppointmentCancelled | AppointmentConfirmed | AppointmentRejected
)


async def apply_event(
    session: Executor,
    event: Event,
    *,
    planner: Planner,
    clock: Clock,
    replicas: Replicas = replica_repo,
    schedule: Schedule = schedule_repo,
) -> None:
    replica = await replicas.lock(session, event.appointment_id)
    effects = _apply(replica, event)
    await replicas.save(session, replica)
    await _schedule(session, replica, effects, planner=planner, now=clock.now(), schedule=schedule)


async def _schedule(
    session: Executor, r: Replica, effects: Effects, *, planner: Planner, now: datetime, schedule: Schedule
) -> None:
    if effects.drop_reminders:
        await schedule.drop_reminders(session, appointment_id=r.id, reason=effects.drop_reminders, now=now)
    if r.subject is None:
        return
    planned = []
    for notice in effects.notices:
        extra = {"cancelled_by": notice.cancelled_by} if notice.cancelled_by else {}
        params = text_params(start=notice.start, clinic_name=r.clinic_name, **extra)
        # A confirmation of a visit that has begun is no use; a cancellation or refusal always is.
        not_after = notice.start if notice.kind in ("confirmation", "rescheduled") else None
        planned += planner.notice(notice.kind, ref=notice.ref, now=now, not_after=not_after, params=params)
    if effects.plan_reminders and r.start_at is not None:
        params = text_params(start=r.start_at, clinic_name=r.clinic_name)
        planned += planner.reminders(now=now, start=r.start_at, time_type_code=r.time_type_code, params=params)
    await schedule.add(session, appointment_id=r.id, subject=r.subject, planned=planned)


def _apply(r: Replica, event: Event) -> Effects:
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
