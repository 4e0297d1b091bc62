"""Audit records and history samples in the console's database."""

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.ops_console.adapters.tables import audit_log, samples


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def audit(self, *, actor_id: str, action: str, target: str, count: int, details: dict[str, Any]) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                audit_log.insert().values(actor_id=actor_id, action=action, target=target, count=count, details=details)
            )

    async def audited(self, limit: int = 100) -> list[dict[str, Any]]:
        query = sa.select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
        async with self.engine.connect() as conn:
            return [dict(row._mapping) for row in await conn.execute(query)]

    async def sample(self, at: datetime, values: dict[str, float], *, keep: timedelta) -> None:
        async with self.engine.begin() as conn:
            if values:
                await conn.execute(samples.insert(), [{"at": at, "series": k, "value": v} for k, v in values.items()])
            await conn.execute(samples.delete().where(samples.c.at < at - keep))

    async def history(self, since: timedelta) -> dict[str, list[tuple[str, float]]]:
        start = datetime.now(UTC) - since
        query = sa.select(samples.c.series, samples.c.at, samples.c.value).where(samples.c.at >= start)
        found: dict[str, list[tuple[str, float]]] = {}
        async with self.engine.connect() as conn:
            for series, at, value in (await conn.execute(query.order_by(samples.c.at))).all():
                found.setdefault(series, []).append((at.isoformat(), value))
        return found
