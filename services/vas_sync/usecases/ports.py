"""What the use cases need of storage, as protocols: the SQL repositories (adapters/) meet them,
and the unit tests' in-memory fakes (tests/support/fakes/vas_sync.py) too. The session is the
caller's transaction — a SQLAlchemy connection (adapters/sync_repo.py) or the asyncpg connection
of a hot path (adapters/sync_rows.py), each adapter taking its own; a fake ignores it."""

import uuid
from typing import Any, Protocol

from services.vas_sync.domain.sync_state import SyncState

# The caller's transaction, as its adapter knows it.
Tx = Any


class SyncRows(Protocol):
    async def lock(self, session: Tx, appointment_id: uuid.UUID, /) -> SyncState:
        """The appointment's row (created at version 0 if new), locked for this transaction."""

    async def note_attempt(self, session: Tx, appointment_id: uuid.UUID, slot_id: str, subject: str | None, /) -> None:
        """Recorded for good before VAS is asked to put the appointment on `slot_id`."""

    async def record_outcome(self, session: Tx, appointment_id: uuid.UUID, /, **values: Any) -> None:
        """The outcome is known: saved with `values`, and the times asked for forgotten (what VAS
        holds was looked at, the rest refused or cancelled), in one statement."""

    async def attempted(self, session: Tx, appointment_id: uuid.UUID, /) -> list[str]:
        """Every time VAS was asked to put the appointment on, oldest first."""

    async def held_elsewhere(
        self, session: Tx, appointment_id: uuid.UUID, vas_ids: list[str], slot_ids: list[str], subject: str, /
    ) -> tuple[set[str], set[str]]:
        """Of VAS appointments and times found for `appointment_id` in its resident's schedule: the
        appointments another sync row holds, and the times asked for on the resident's behalf for
        another booking and not yet settled — another booking's, not this one's."""
