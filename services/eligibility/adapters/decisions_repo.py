"""Every decision, for audit, and to act on the booking it was asked for."""

from typing import Any

from services.eligibility.adapters.tables import decisions
from shared.db import Executor

_RECORD = decisions.insert()


async def record(session: Executor, values: dict[str, Any]) -> None:
    await session.execute(_RECORD, values)
