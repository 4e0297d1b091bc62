"""In-memory stand-ins for VAS sync's unit tests: a VAS that can fail the ways the real one does
(down, or down after it applied the call) and the sync rows. No broker, no database."""

import dataclasses
import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from services.vas_sync.domain.sync_state import SyncState
from services.vas_sync.domain.vas_port import OurBooking, VasAppointment, VasOutcomeUnknown, VasRefused, VasUnavailable
from services.vas_sync.domain.wanted import Wanted
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.messaging.envelope import Contract

CLINIC = "SE2321000115-O10001"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeVas:
    """The journal system's calendar: one booked appointment per time slot at most.

    `down`: the next calls fail before VAS does anything. `answer_lost`: the next call is applied,
    and then the answer is lost (a timeout after sending). `refuse_with`: the next call is refused."""

    keeps_reference = True

    def __init__(self) -> None:
        self.appointments: dict[str, VasAppointment] = {}
        self.calls: list[str] = []
        self.down = 0
        self.answer_lost = 0
        self.refuse_with: str | None = None  # the next call is refused with this result code
        self._ids = itertools.count(1)

    def booked(self, reference: str | None = None) -> list[VasAppointment]:
        return [a for a in self.appointments.values() if a.booked and (reference is None or a.reference == reference)]

    def add(self, *, timeslot_id: str, reference: str | None, channel: str = "web") -> VasAppointment:
        """An appointment already in VAS (made by an attempt that never committed, or by phone)."""
        made = VasAppointment(
            id=f"vas-{next(self._ids)}",
            timeslot_id=timeslot_id,
            reference=reference,
            status="booked",
            channel=channel,
            clinic_hsa_id=CLINIC,
            time_type_code="nurse-visit",
            start=START,
            end=START + timedelta(minutes=20),
        )
        self.appointments[made.id] = made
        return made

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.refuse_with:
            code, self.refuse_with = self.refuse_with, None
            raise VasRefused(code)
        if self.down:
            self.down -= 1
            raise VasUnavailable("503")

    def _answer(self, result: VasAppointment) -> VasAppointment:
        if self.answer_lost:
            self.answer_lost -= 1
            raise VasOutcomeUnknown("timed out after sending")
        return result

    async def make(self, wanted: Wanted) -> VasAppointment:
        self._call("make")
        if any(a.timeslot_id == wanted.slot_id for a in self.booked()):
            raise VasRefused("REQUESTED_TIME_IS_ALREADY_RESERVED", "Tiden är redan bokad")
        made = self.add(timeslot_id=wanted.slot_id, reference=wanted.reference, channel=wanted.vas_channel)
        return self._answer(made)

    async def move(self, appointment_id: str, wanted: Wanted) -> VasAppointment:
        self._call("move")
        timeslot_id = wanted.slot_id
        if any(a.timeslot_id == timeslot_id and a.id != appointment_id for a in self.booked()):
            raise VasRefused("REQUESTED_TIME_IS_ALREADY_RESERVED")
        moved = dataclasses.replace(self.appointments[appointment_id], timeslot_id=timeslot_id)
        self.appointments[appointment_id] = moved
        return self._answer(moved)

    async def cancel(
        self, clinic_hsa_id: str, appointment_id: str, *, reason: str | None, by: str, subject: str | None = None
    ) -> None:
        self._call("cancel")
        found = self.appointments.get(appointment_id)
        if found is None:
            raise VasRefused("APPOINTMENT_DOES_NOT_EXIST")
        if not found.booked:
            raise VasRefused("APPOINTMENT_IS_ALREADY_CANCELED")
        cancelled = dataclasses.replace(found, status="cancelled")
        self.appointments[appointment_id] = cancelled
        self._answer(cancelled)

    async def find(self, ours: OurBooking) -> list[VasAppointment]:
        self._call("find")
        return [a for a in self.appointments.values() if a.reference == ours.reference]

    async def schedule_of(self, clinic_hsa_id: str, subject: str) -> list[VasAppointment] | None:
        return None

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment]:
        self._call("in_clinic")
        return [a for a in self.appointments.values() if a.clinic_hsa_id == clinic_hsa_id and start <= a.start < end]

    async def changes(self, *, after: int, limit: int) -> list[dict[str, object]]:
        return []

    async def close(self) -> None:
        return None


class FakeSyncRows:
    """The sync rows, as the SQL repository keeps them; `session` is ignored."""

    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, SyncState] = {}
        self.attempts: dict[uuid.UUID, list[str]] = {}
        self.attempted_for: dict[uuid.UUID, str | None] = {}  # whose behalf each appointment's attempts are on

    async def lock(self, session: Any, appointment_id: uuid.UUID, /) -> SyncState:
        if appointment_id not in self.rows:
            self.rows[appointment_id] = SyncState(appointment_id, 0, *([None] * 10))
        return self.rows[appointment_id]

    async def record_outcome(self, session: Any, appointment_id: uuid.UUID, /, **values: Any) -> None:
        self.rows[appointment_id] = dataclasses.replace(self.rows[appointment_id], **values, synced_at=START)
        self.attempts.pop(appointment_id, None)

    async def note_attempt(self, session: Any, appointment_id: uuid.UUID, slot_id: str, subject: str | None, /) -> None:
        self.attempts.setdefault(appointment_id, []).append(slot_id)
        self.attempted_for[appointment_id] = subject

    async def attempted(self, session: Any, appointment_id: uuid.UUID, /) -> list[str]:
        return list(self.attempts.get(appointment_id, []))

    async def held_elsewhere(
        self, session: Any, appointment_id: uuid.UUID, vas_ids: list[str], slot_ids: list[str], subject: str, /
    ) -> tuple[set[str], set[str]]:
        others = [i for i in self.rows if i != appointment_id]
        held = {self.rows[i].vas_appointment_id for i in others} & set(vas_ids)
        asked = {
            s
            for i, times in self.attempts.items()
            if i != appointment_id and self.attempted_for.get(i) == subject
            for s in times
        }
        return {h for h in held if h}, set(slot_ids) & asked


class Emitted:
    """The events a use case published (in the real service: to the outbox, in its transaction)."""

    def __init__(self) -> None:
        self.events: list[Contract] = []

    async def __call__(self, event: Contract) -> None:
        self.events.append(event)

    def confirmed(self) -> list[AppointmentConfirmed]:
        return [e for e in self.events if isinstance(e, AppointmentConfirmed)]

    def rejected(self) -> list[AppointmentRejected]:
        return [e for e in self.events if isinstance(e, AppointmentRejected)]
