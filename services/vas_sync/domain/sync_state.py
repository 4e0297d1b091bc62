"""What VAS sync knows of one appointment: the newest version applied to VAS and VAS's answer."""

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SyncState:
    appointment_id: uuid.UUID
    version: int  # 0: nothing applied yet
    wanted: str | None  # booked | cancelled
    clinic_hsa_id: str | None
    start_at: datetime | None
    subject: str | None
    channel: str | None
    slot_id: str | None  # the slot the appointment is on in VAS
    vas_appointment_id: str | None
    outcome: str | None  # confirmed | rejected | cancelled
    result_code: str | None
    synced_at: datetime | None
