"""What the use cases need of storage, as protocols: the SQL repositories (adapters/) meet them,
and the unit tests' in-memory fakes (tests/support/fakes/vas_sync.py) too. The session is the
caller's transaction; a fake ignores it."""

import uuid
from typing import Any, Protocol

from services.vas_sync.domain.sync_state import SyncState
from shared.db import Executor


class SyncRows(Protocol):
    async def lock(self, session: Executor, appointment_id: uuid.UUID, /) -> SyncState:
        """The appointment's row (created at version 0 if new), locked for this transaction."""

    async def save(self, session: Executor, appointment_id: uuid.UUID, /, **values: Any) -> None: ...

    async def note_attempt(
        self, session: Executor, appointment_id: uuid.UUID, slot_id: str, subject: str | None, /
    ) -> None:
        """Recorded for good before VAS is asked to put the appointment on `slot_id`."""

    async def settle(self, session: Executor, appointment_id: uuid.UUID, /) -> None:
        """The outcome is known: forget the times asked for (in the transaction that records it)."""

    async def attempted(self, session: Executor, appointment_id: uuid.UUID, /) -> list[str]:
        """Every time VAS was asked to put the appointment on, oldest first."""
