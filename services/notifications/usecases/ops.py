"""Operations views of the schedule, and sending a notification that failed for good once more."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.adapters import ops_repo
from services.notifications.domain.errors import NotificationsCode
from services.notifications.domain.ops_views import FailedNotification, Requeued
from shared.errors import Refused


async def failed(
    engine: AsyncEngine,
    *,
    failed_from: datetime | None = None,
    failed_to: datetime | None = None,
    before: tuple[datetime, int] | None = None,
    limit: int,
) -> list[FailedNotification]:
    """Notifications that failed for good, newest first, a page at a time."""
    return await ops_repo.failed(engine, failed_from=failed_from, failed_to=failed_to, before=before, limit=limit)


async def summary(engine: AsyncEngine) -> dict[str, int]:
    return await ops_repo.by_status(engine)


async def retry(engine: AsyncEngine, notification_id: int, *, now: datetime) -> Requeued:
    """Back in the queue, due now; the dispatcher still checks appointment, consent, quiet hours and
    `not_after`, and sends it with the same idempotency key."""
    row, status = await ops_repo.requeue_failed(engine, notification_id, due_at=now)
    if row is not None:
        return row
    if status is None:
        raise Refused(NotificationsCode.NOTIFICATION_NOT_FOUND)
    raise Refused(NotificationsCode.NOTIFICATION_NOT_FAILED, extra={"status": status})
