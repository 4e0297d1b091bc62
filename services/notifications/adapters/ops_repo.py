"""What operations read and change in the schedule: failed notifications, counts, a retry."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.adapters.tables import notifications
from services.notifications.domain.ops_views import FailedNotification, Requeued
from shared.db import record, records

n = notifications.c


async def failed(engine: AsyncEngine, *, limit: int) -> list[FailedNotification]:
    query = (
        sa.select(
            n.id,
            n.appointment_id,
            n.kind,
            n.channel,
            n.attempts,
            n.outcome,
            n.last_error,
            n.due_at,
            n.updated_at.label("failed_at"),
        )
        .where(n.status == "failed")
        .order_by(n.updated_at.desc())
        .limit(limit)
    )
    async with engine.connect() as conn:
        return records(FailedNotification, (await conn.execute(query)).all())


async def by_status(engine: AsyncEngine) -> dict[str, int]:
    query = sa.select(n.status, sa.func.count()).group_by(n.status)
    async with engine.connect() as conn:
        return {status: int(count) for status, count in (await conn.execute(query)).all()}


async def requeue_failed(
    engine: AsyncEngine, notification_id: int, *, due_at: datetime
) -> tuple[Requeued | None, str | None]:
    """(the requeued row, None), or (None, its status; None if there is no such row)."""
    statement = (
        notifications.update()
        .where(n.id == notification_id, n.status == "failed")
        .values(
            status="pending",
            due_at=due_at,
            attempts=0,
            outcome=None,
            last_error=None,
            claimed_until=None,
            updated_at=sa.func.now(),
        )
        .returning(n.id, n.status, n.due_at)
    )
    async with engine.begin() as conn:
        row = (await conn.execute(statement)).first()
        if row is not None:
            return record(Requeued, row), None
        return None, await conn.scalar(sa.select(n.status).where(n.id == notification_id))
