"""Every decision, for audit, and to act on the booking it was asked for."""

from typing import Any

import asyncpg
import sqlalchemy as sa

from services.eligibility.adapters.tables import decisions
from shared.direct import Direct

_COLUMNS = (
    "subject",
    "time_type_code",
    "appointment_id",
    "channel",
    "actor_id",
    "purpose",
    "eligible",
    "reason",
    "rule_version",
    "self_declared",
    "needs_review",
    "invitation_code",
    "evidence",
)
# On the driver connection, compiled once: a decision is answered for every booking attempt on a
# restricted time, and a rush is made of them (docs/benchmarks.md).
_RECORD = Direct(
    decisions.insert().inline().values({name: sa.bindparam(name, type_=decisions.c[name].type) for name in _COLUMNS})
)


async def record(db: asyncpg.Connection, values: dict[str, Any]) -> None:
    await _RECORD.execute(db, values)
