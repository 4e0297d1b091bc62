"""What the ops views read from VAS sync's own tables: outcomes and reconciliation reports."""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters.tables import reconciliations, sync_appointments


def report_view(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "trigger": row["trigger"],
        "started_at": row["started_at"],
        "finished_at": row["finished_at"],
        "scope": row["scope"],
        "checked": row["checked"],
        "fixed": row["fixed"],
        "error": row["error"],
    }


async def outcome_counts(engine: AsyncEngine) -> dict[str, int]:
    query = sa.select(sync_appointments.c.outcome, sa.func.count()).group_by(sync_appointments.c.outcome)
    async with engine.connect() as conn:
        return {str(outcome): int(count) for outcome, count in (await conn.execute(query)).all()}


async def reports(engine: AsyncEngine, *, limit: int) -> list[dict[str, Any]]:
    query = sa.select(reconciliations).order_by(reconciliations.c.id.desc()).limit(limit)
    async with engine.connect() as conn:
        return [report_view(r._mapping) for r in (await conn.execute(query)).all()]
