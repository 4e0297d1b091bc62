"""Operations views of the schedule: counts by status, and notifications that failed for good.

Nothing here identifies a person: rows show the appointment id, kind, channel and the error —
no personnummer, phone number or e-mail address.
"""

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from services.notifications.api import refusals
from services.notifications.api.deps import AppDep
from services.notifications.domain.ops_views import FailedNotification, Requeued
from services.notifications.usecases import ops
from shared.bounds import BIGINT_MAX, RowId
from shared.logging import get_logger
from shared.web.paging import STOCKHOLM, CursorQuery, FromQuery, ToQuery, decode_position, optional_window, page
from shared.web.principals import OperationsDep

log = get_logger(__name__)

router = APIRouter(prefix="/v1/ops/notifications", tags=["operations"])


class FailedPage(BaseModel):
    items: list[FailedNotification]
    next: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")


def _local(row: FailedNotification) -> FailedNotification:
    return replace(row, due_at=row.due_at.astimezone(STOCKHOLM), failed_at=row.failed_at.astimezone(STOCKHOLM))


@router.get("/failed", description="Newest first; `from`/`to` bound when they failed (either may be left out).")
async def failed(
    app: AppDep,
    _: OperationsDep,
    failed_from: FromQuery = None,
    failed_to: ToQuery = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> FailedPage:
    low, high = optional_window(failed_from, failed_to)
    before = decode_position(cursor, _row_id)
    rows = await ops.failed(app.engine, failed_from=low, failed_to=high, before=before, limit=limit + 1)
    shown, following = page(rows, limit, lambda r: (r.failed_at, r.id))
    return FailedPage(items=[_local(r) for r in shown], next=following)


def _row_id(key: str) -> int:
    value = int(key)
    if not 1 <= value <= BIGINT_MAX:
        raise ValueError("id out of range")
    return value


@router.post("/{notification_id}/retry", status_code=202, responses=refusals.RETRY)
async def retry(notification_id: RowId, app: AppDep, member: OperationsDep) -> Requeued:
    """Send a notification that failed for good once more (after the cause was fixed, e.g. the
    gateway's account). It goes back in the queue due now; the dispatcher still checks that the
    appointment and consent hold, quiet hours and `not_after`, and sends it with the same
    idempotency key."""
    row = await ops.retry(app.engine, notification_id, now=app.clock.now())
    log.info("notification_retry_requested", notification_id=notification_id, by=member.hsa_id)
    return row


@router.get("/summary")
async def summary(app: AppDep, _: OperationsDep) -> dict[str, int]:
    """Notifications per status (pending, sending, sent, failed, dropped, skipped)."""
    return await ops.summary(app.engine)
