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
from services.notifications.api.deps import AppDep, OperationsDep

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


@router.get("/summary")
async def summary(app: AppDep, _: OperationsDep) -> dict[str, int]:
    """Notifications per status (pending, sending, sent, failed, dropped, skipped)."""
    query = sa.select(notifications.c.status, sa.func.count()).group_by(notifications.c.status)
    async with app.engine.connect() as conn:
        return {status: int(count) for status, count in (await conn.execute(query)).all()}
