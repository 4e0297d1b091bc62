"""The per-appointment sync rows on the driver connection (`shared.direct`): the appointment
consumer's hot path — one VAS call per message — runs its statements without SQLAlchemy's work
per statement. The same statements as `sync_repo`, compiled once."""

import uuid
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters.sync_repo import (
    ASKED_ELSEWHERE,
    HELD_ELSEWHERE,
    LOCK,
    asked_times,
    elsewhere_params,
    outcome_params,
    outcome_statement,
)
from services.vas_sync.adapters.tables import vas_attempts
from services.vas_sync.domain.sync_state import SyncState
from shared import direct

_LOCK = direct.Direct(LOCK)
_ATTEMPTED = direct.Direct(
    sa.select(vas_attempts.c.slot_id)
    .where(vas_attempts.c.appointment_id == sa.bindparam("appointment_id", type_=sa.Uuid))
    .order_by(vas_attempts.c.at)
)
_HELD_ELSEWHERE = direct.Direct(HELD_ELSEWHERE)
_ASKED_ELSEWHERE = direct.Direct(ASKED_ELSEWHERE)
_NOTE_ATTEMPT = direct.Direct(
    insert(vas_attempts)
    .values(
        appointment_id=sa.bindparam("appointment_id", type_=sa.Uuid),
        slot_id=sa.bindparam("slot_id", type_=sa.Text),
        subject=sa.bindparam("subject", type_=sa.Text),
    )
    .on_conflict_do_nothing()
)


class DriverSyncRows:
    """`SyncRows` for a transaction on the asyncpg connection (`session` is that connection)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine  # for the attempts, committed on a connection of their own
        self._outcomes: dict[tuple[str, ...], direct.Direct] = {}  # one statement per set of columns

    async def lock(self, session: asyncpg.Connection, appointment_id: uuid.UUID, /) -> SyncState:
        row = await _LOCK.fetchrow(session, {"appointment_id": appointment_id})
        assert row is not None  # an upsert with RETURNING always returns the row
        return SyncState(**dict(row))

    async def record_outcome(self, session: asyncpg.Connection, appointment_id: uuid.UUID, /, **values: Any) -> None:
        columns = tuple(sorted(values))
        statement = self._outcomes.get(columns)
        if statement is None:
            statement = self._outcomes[columns] = direct.Direct(outcome_statement(columns))
        await statement.execute(session, outcome_params(appointment_id, values))

    async def note_attempt(
        self, session: asyncpg.Connection, appointment_id: uuid.UUID, slot_id: str, subject: str | None, /
    ) -> None:
        """Committed at once on a connection of its own, before VAS is called: it must outlive the
        caller's transaction if that never commits (no lock is shared with it: another table)."""
        async with direct.transaction(self._engine) as own:
            await _NOTE_ATTEMPT.execute(own, {"appointment_id": appointment_id, "slot_id": slot_id, "subject": subject})

    async def attempted(self, session: asyncpg.Connection, appointment_id: uuid.UUID, /) -> list[str]:
        return [str(r[0]) for r in await _ATTEMPTED.fetch(session, {"appointment_id": appointment_id})]

    async def held_elsewhere(
        self,
        session: asyncpg.Connection,
        appointment_id: uuid.UUID,
        vas_ids: list[str],
        slot_ids: list[str],
        subject: str,
        /,
    ) -> tuple[set[str], set[str]]:
        params = elsewhere_params(appointment_id, vas_ids, slot_ids, subject)
        held = {str(r[0]) for r in await _HELD_ELSEWHERE.fetch(session, params)}
        asked = [str(r[0]) for r in await _ASKED_ELSEWHERE.fetch(session, params)] if slot_ids else []
        return held, asked_times(slot_ids, asked)
