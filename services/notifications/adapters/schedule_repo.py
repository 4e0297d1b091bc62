"""Writing the schedule: notices and reminders go in, unsent reminders are dropped.

The unique key (appointment, kind, channel, ref) makes a second insert of the same message
a no-op, so a redelivered event can never schedule a second copy.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.notifications.adapters.tables import notifications
from services.notifications.domain.planner import REMINDER, Planned
from shared.db import Executor


async def add(session: Executor, /, *, appointment_id: uuid.UUID, subject: str, planned: Sequence[Planned]) -> None:
    if not planned:
        return
    rows = [
        {
            "appointment_id": appointment_id,
            "subject": subject,
            "kind": p.kind,
            "channel": p.channel,
            "ref": p.ref,
            "params": p.params,
            "due_at": p.due_at,
            "not_after": p.not_after,
        }
        for p in planned
    ]
    statement = insert(notifications).values(rows)
    # A reminder dropped when the visit moved comes back if it moves back; one already sent never does.
    statement = statement.on_conflict_do_update(
        constraint="uq_notification_once",
        set_={
            "status": "pending",
            "due_at": statement.excluded.due_at,
            "not_after": statement.excluded.not_after,
            "outcome": None,
            "updated_at": sa.func.now(),
        },
        where=(notifications.c.status == "dropped") & (notifications.c.kind == REMINDER),
    )
    await session.execute(statement)


async def drop_reminders(session: Executor, /, *, appointment_id: uuid.UUID, reason: str, now: datetime) -> None:
    await session.execute(
        sa.update(notifications)
        .where(
            notifications.c.appointment_id == appointment_id,
            notifications.c.kind == REMINDER,
            notifications.c.status == "pending",
        )
        .values(status="dropped", outcome=reason, updated_at=now)
    )
