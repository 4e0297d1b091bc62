"""What operations see of the schedule: no personnummer, phone number or e-mail address."""

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class FailedNotification:
    """A notification that failed for good: which appointment, what kind, and why."""

    id: int
    appointment_id: uuid.UUID
    kind: str
    channel: str
    attempts: int
    outcome: str | None
    last_error: str | None
    due_at: datetime
    failed_at: datetime


@dataclass(frozen=True, slots=True)
class Requeued:
    id: int
    status: str
    due_at: datetime
