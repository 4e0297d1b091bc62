"""What the use cases that answer VAS need of storage, as protocols: the SQL repositories
(adapters/) meet them, and the unit tests' in-memory fakes (tests/support/fakes/booking.py) too.
The session is the caller's transaction; a fake ignores it. `SQL` bundles the real ones, and is
what the service runs with."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from services.booking.adapters import appointment_repo, schedule_repo, slot_repo, vas_confirmation
from services.booking.adapters.status_signal import signal_status_change
from services.booking.domain.appointment import Appointment
from shared.db import Executor


class Appointments(Protocol):
    async def get(
        self, session: Executor, appointment_id: uuid.UUID, /, *, for_update: bool = False
    ) -> Appointment | None: ...

    async def update(self, session: Executor, appointment_id: uuid.UUID, /, **values: Any) -> None: ...

    async def audit(
        self,
        session: Executor,
        /,
        *,
        action: str,
        actor: str,
        actor_id: str | None,
        channel: str,
        appointment_id: uuid.UUID | None,
        subject: str | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """An audit record: who did what to which appointment (never the reason's text)."""


class Slots(Protocol):
    async def claim(self, session: Executor, /, *, slot_id: str, subject: str) -> bool:
        """Mark the slot busy if `subject` may have it; False when someone else has it."""

    async def release(self, session: Executor, /, *, slot_id: str, status: str = "free") -> None:
        """Give the slot back (a withdrawn slot stays withdrawn)."""


class Schedule(Protocol):
    async def times(self, session: Executor, slot_id: str, /) -> tuple[datetime, datetime] | None: ...

    async def live_holders(self, session: Executor, slot_id: str, /, *, besides: uuid.UUID | None) -> list[Appointment]:
        """The live appointments of the slot (other than `besides`), locked."""


StatusSignal = Callable[[Executor, uuid.UUID], Awaitable[None]]


class Confirm(Protocol):
    async def __call__(
        self, session: Any, appointment_id: uuid.UUID, /, *, version: int, vas_appointment_id: str
    ) -> bool:
        """Pending at `version` → booked with VAS's id, audited and signalled, as one change (the
        session is the driver connection of the consumer's transaction); False for a stale answer."""


@dataclass(frozen=True)
class Store:
    appointments: Appointments
    slots: Slots
    schedule: Schedule
    signal: StatusSignal  # wakes requests waiting on the appointment's status (Prefer: wait)
    confirm: Confirm


SQL = Store(appointment_repo, slot_repo, schedule_repo, signal_status_change, vas_confirmation.confirm)
