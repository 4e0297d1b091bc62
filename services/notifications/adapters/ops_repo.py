"""What operations read and change in the schedule: failed notifications, counts, a retry."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.adapters.tables import notifications
from services.notifications.domain.ops_views import FailedNotification, Requeued
from shared.db import record, records

n = notifications.c


async def failed(
    engine: AsyncEngine,
    *,
    failed_from: datetime | None,
    failed_to: datetime | None,
    before: tuple[datetime, int] | None,
    limit: int,
) -> list[FailedNotification]:
    """Newest first, by (failed at, id); `before` is a keyset position (the last row of a page)."""
    query = sa.select(
        n.id,
        n.appointment_id,
        n.kind,
        n.channel,
        n.attempts,
        n.outcome,
        n.last_error,
        n.due_at,
        n.updated_at.label("failed_at"),
    ).where(n.status == "failed")
    if failed_from is not None:
        query = query.where(n.updated_at >= failed_from)
    if failed_to is not None:
        query = query.where(n.updated_at < failed_to)
    if before is not None:
        query = query.where(sa.tuple_(n.updated_at, n.id) < sa.tuple_(sa.literal(before[0]), sa.literal(before[1])))
    query = query.order_by(n.updated_at.desc(), n.id.desc()).limit(limit)
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
