"""Operations views of the schedule: counts by status, and notifications that failed for good.

Nothing here identifies a person: rows show the appointment id, kind, channel and the error —
no personnummer, phone number or e-mail address.
"""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from services.notifications.api import refusals
from services.notifications.api.deps import AppDep
from services.notifications.domain.ops_views import FailedNotification, Requeued
from services.notifications.usecases import ops
from shared.bounds import RowId
from shared.logging import get_logger
from shared.web.principals import OperationsDep

log = get_logger(__name__)

router = APIRouter(prefix="/v1/ops/notifications", tags=["operations"])


class FailedPage(BaseModel):
    items: list[FailedNotification]


@router.get("/failed")
async def failed(app: AppDep, _: OperationsDep, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> FailedPage:
    rows = await ops.failed(app.engine, limit=limit)
    return FailedPage(items=rows)


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
