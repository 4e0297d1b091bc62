"""What the use cases need of storage, as protocols: the SQL repositories (adapters/) meet them,
and the unit tests' in-memory fakes (tests/support/fakes/notifications.py) too. The session is the
caller's transaction; a fake ignores it."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from services.notifications.domain.planner import Planned
from services.notifications.domain.replica import Replica
from shared.db import Executor


class Replicas(Protocol):
    async def lock(self, session: Executor, appointment_id: uuid.UUID, /) -> Replica:
        """The appointment as known so far (empty if new), locked for this transaction."""

    async def save(self, session: Executor, replica: Replica, /) -> None: ...


class Schedule(Protocol):
    async def add(
        self, session: Executor, /, *, appointment_id: uuid.UUID, subject: str, planned: Sequence[Planned]
    ) -> None:
        """Planned messages join the schedule; one already there (same kind, channel, ref) is kept."""

    async def drop_reminders(
        self, session: Executor, /, *, appointment_id: uuid.UUID, reason: str, now: datetime
    ) -> None:
        """Reminders not sent yet are dropped with `reason`."""
