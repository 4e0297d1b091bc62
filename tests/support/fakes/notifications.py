"""In-memory stand-ins for the notifications service's unit tests: the replica, the schedule
(as the SQL repository keeps it: one message per kind, channel and reference) and a clock."""

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.notifications.domain.planner import REMINDER, Planned
from services.notifications.domain.replica import Replica
from tests.support.clock import FakeClock

__all__ = ["FakeClock", "FakeReplicas", "FakeSchedule"]


class FakeReplicas:
    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, Replica] = {}

    async def lock(self, session: Any, appointment_id: uuid.UUID, /) -> Replica:
        return dataclasses.replace(self.rows.get(appointment_id) or Replica(appointment_id))

    async def save(self, session: Any, replica: Replica, /) -> None:
        self.rows[replica.id] = dataclasses.replace(replica)


@dataclass
class Scheduled:
    appointment_id: uuid.UUID
    subject: str
    planned: Planned
    status: str = "pending"
    outcome: str | None = None


class FakeSchedule:
    def __init__(self) -> None:
        self.messages: dict[tuple[str, str, str], Scheduled] = {}

    def pending(self, kind: str | None = None) -> list[Planned]:
        return [m.planned for m in self.messages.values() if m.status == "pending" and kind in (None, m.planned.kind)]

    async def add(
        self, session: Any, /, *, appointment_id: uuid.UUID, subject: str, planned: Sequence[Planned]
    ) -> None:
        for p in planned:
            key = (p.kind, p.channel, p.ref)
            known = self.messages.get(key)
            if known is None or (known.status == "dropped" and p.kind == REMINDER):
                self.messages[key] = Scheduled(appointment_id, subject, p)

    async def drop_reminders(self, session: Any, /, *, appointment_id: uuid.UUID, reason: str, now: datetime) -> None:
        for m in self.messages.values():
            if m.appointment_id == appointment_id and m.planned.kind == REMINDER and m.status == "pending":
                m.status, m.outcome = "dropped", reason
