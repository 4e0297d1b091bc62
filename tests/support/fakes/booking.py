"""In-memory stand-ins for booking's unit tests: appointments with their audit trail, the slot
replica and the status signal, as the SQL repositories keep them (one live claim per slot)."""

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from services.booking.domain.appointment import LIVE, Appointment, Status
from services.booking.usecases.ports import Store

CLINIC = "SE2321000115-O10001"
START = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)


@dataclass
class Slot:
    start: datetime
    end: datetime
    status: str = "free"  # free | held | busy | withdrawn
    holder: str | None = None


@dataclass
class FakeBooking:
    """What the booking service keeps: `store()` hands the use cases its ports."""

    appointments: dict[uuid.UUID, Appointment] = field(default_factory=dict)
    slots: dict[str, Slot] = field(default_factory=dict)
    audit_log: list[dict[str, Any]] = field(default_factory=list)
    signalled: list[uuid.UUID] = field(default_factory=list)

    def store(self) -> Store:
        return Store(
            appointments=_Appointments(self),
            slots=_Slots(self),
            schedule=_Schedule(self),
            signal=self._signal,
            confirm=self._confirm,
        )

    async def _signal(self, session: Any, appointment_id: uuid.UUID) -> None:
        self.signalled.append(appointment_id)

    async def _confirm(
        self, session: Any, appointment_id: uuid.UUID, /, *, version: int, vas_appointment_id: str
    ) -> bool:
        row = self.appointments.get(appointment_id)
        if row is None or row.version != version or row.status != Status.PENDING:
            return False
        self.appointments[appointment_id] = dataclasses.replace(
            row,
            status=Status.BOOKED,
            vas_appointment_id=vas_appointment_id,
            previous_slot_id=None,
            previous_start_at=None,
            previous_end_at=None,
        )
        self.audit_log.append(
            {"action": "confirmed_in_vas", "actor": "system", "actor_id": None, "channel": "vas"}
            | {"appointment_id": appointment_id, "details": {"version": version}}
        )
        self.signalled.append(appointment_id)
        return True

    def slot(self, slot_id: str, *, hours: int = 0, status: str = "free", holder: str | None = None) -> str:
        start = START + timedelta(hours=hours)
        self.slots[slot_id] = Slot(start, start + timedelta(minutes=20), status, holder)
        return slot_id

    def appointment(self, slot_id: str, subject: str, **values: Any) -> Appointment:
        """An appointment on `slot_id` (its slot claimed): pending at version 1 unless told otherwise."""
        slot = self.slots[slot_id]
        slot.status, slot.holder = "busy", subject
        made = Appointment(
            **{
                "id": uuid.uuid4(),
                "subject": subject,
                "slot_id": slot_id,
                "previous_slot_id": None,
                "previous_start_at": None,
                "previous_end_at": None,
                "clinic_hsa_id": CLINIC,
                "time_type_code": "nurse-visit",
                "start_at": slot.start,
                "end_at": slot.end,
                "status": Status.PENDING,
                "version": 1,
                "channel": "web",
                "actor": "citizen",
                "actor_id": None,
                "reason": None,
                "invitation_code": None,
                "vas_appointment_id": None,
                "rejection_code": None,
                "cancelled_by": None,
                "self_declared": False,
                "created_at": START - timedelta(days=1),
                "updated_at": START - timedelta(days=1),
                **values,
            }
        )
        self.appointments[made.id] = made
        return made

    def actions(self, appointment_id: uuid.UUID) -> list[str]:
        return [a["action"] for a in self.audit_log if a["appointment_id"] == appointment_id]


class _Appointments:
    def __init__(self, kept: FakeBooking) -> None:
        self.kept = kept

    async def get(self, session: Any, appointment_id: uuid.UUID, /, *, for_update: bool = False) -> Appointment | None:
        return self.kept.appointments.get(appointment_id)

    async def update(self, session: Any, appointment_id: uuid.UUID, /, **values: Any) -> None:
        self.kept.appointments[appointment_id] = dataclasses.replace(self.kept.appointments[appointment_id], **values)

    async def audit(
        self,
        session: Any,
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
        entry = {"action": action, "actor": actor, "actor_id": actor_id, "channel": channel}
        self.kept.audit_log.append({**entry, "appointment_id": appointment_id, "details": details or {}})


class _Slots:
    def __init__(self, kept: FakeBooking) -> None:
        self.kept = kept

    async def claim(self, session: Any, /, *, slot_id: str, subject: str) -> bool:
        slot = self.kept.slots.get(slot_id)
        if slot is None or not (slot.status == "free" or (slot.status == "held" and slot.holder == subject)):
            return False
        slot.status, slot.holder = "busy", subject
        return True

    async def release(self, session: Any, /, *, slot_id: str, status: str = "free") -> None:
        slot = self.kept.slots.get(slot_id)
        if slot is not None and slot.status != "withdrawn":
            slot.status, slot.holder = status, None


class _Schedule:
    def __init__(self, kept: FakeBooking) -> None:
        self.kept = kept

    async def times(self, session: Any, slot_id: str, /) -> tuple[datetime, datetime] | None:
        slot = self.kept.slots.get(slot_id)
        return (slot.start, slot.end) if slot else None

    async def live_holders(self, session: Any, slot_id: str, /, *, besides: uuid.UUID | None) -> list[Appointment]:
        return [
            a for a in self.kept.appointments.values() if a.slot_id == slot_id and a.status in LIVE and a.id != besides
        ]
