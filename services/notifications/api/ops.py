"""Operations views of the schedule: counts by status, and notifications that failed for good.

Nothing here identifies a person: rows show the appointment id, kind, channel and the error —
no personnummer, phone number or e-mail address.
"""

import uuid
from datetime import datetime
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Query
from pydantic import BaseModel

from services.notifications.adapters.tables import notifications
from services.notifications.api.deps import AppDep
from shared.bounds import RowId
from shared.logging import get_logger
from shared.problems import Problem
from shared.web.principals import OperationsDep

log = get_logger(__name__)

router = APIRouter(prefix="/v1/ops/notifications", tags=["operations"])


class FailedNotification(BaseModel):
    id: int
    appointment_id: uuid.UUID
    kind: str
    channel: str
    attempts: int
    outcome: str | None
    last_error: str | None
    due_at: datetime
    failed_at: datetime


class FailedPage(BaseModel):
    items: list[FailedNotification]


@router.get("/failed")
async def failed(app: AppDep, _: OperationsDep, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> FailedPage:
    n = notifications.c
    query = (
        sa.select(
            n.id, n.appointment_id, n.kind, n.channel, n.attempts, n.outcome, n.last_error, n.due_at, n.updated_at
        )
        .where(n.status == "failed")
        .order_by(n.updated_at.desc())
        .limit(limit)
    )
    async with app.engine.connect() as conn:
        rows = (await conn.execute(query)).all()
    return FailedPage(
        items=[
            FailedNotification(**{k: v for k, v in row._mapping.items() if k != "updated_at"}, failed_at=row.updated_at)
            for row in rows
        ]
    )


class Retried(BaseModel):
    id: int
    status: str
    due_at: datetime


@router.post("/{notification_id}/retry", status_code=202)
async def retry(notification_id: RowId, app: AppDep, member: OperationsDep) -> Retried:
    """Send a notification that failed for good once more (after the cause was fixed, e.g. the
    gateway's account). It goes back in the queue due now; the dispatcher still checks that the
    appointment and consent hold, quiet hours and `not_after`, and sends it with the same
    idempotency key."""
    n = notifications.c
    statement = (
        notifications.update()
        .where(n.id == notification_id, n.status == "failed")
        .values(
            status="pending",
            due_at=app.clock.now(),
            attempts=0,
            outcome=None,
            last_error=None,
            claimed_until=None,
            updated_at=sa.func.now(),
        )
        .returning(n.id, n.status, n.due_at)
    )
    async with app.engine.begin() as conn:
        row = (await conn.execute(statement)).first()
        if row is None:
            status = await conn.scalar(sa.select(n.status).where(n.id == notification_id))
    if row is None:
        raise _not_found() if status is None else _not_failed(status)
    log.info("notification_retry_requested", notification_id=notification_id, by=member.hsa_id)
    return Retried(id=row.id, status=row.status, due_at=row.due_at)


def _not_found() -> Problem:
    return Problem(404, "NOTIFICATION_NOT_FOUND", "No such notification.", "Det finns ingen sådan avisering.")


def _not_failed(status: str) -> Problem:
    return Problem(
        409,
        "NOTIFICATION_NOT_FAILED",
        f"Only a notification that failed for good can be retried; this one is {status}.",
        f"Bara en avisering som misslyckats för gott kan skickas igen; den här är {status}.",
    )


@router.get("/summary")
async def summary(app: AppDep, _: OperationsDep) -> dict[str, int]:
    """Notifications per status (pending, sending, sent, failed, dropped, skipped)."""
    query = sa.select(notifications.c.status, sa.func.count()).group_by(notifications.c.status)
    async with app.engine.connect() as conn:
        return {status: int(count) for status, count in (await conn.execute(query)).all()}
