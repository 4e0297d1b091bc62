"""In-memory stand-in for eligibility's view of bookings (with its decisions, invitations and
call-back list), as the SQL repository keeps it."""

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.eligibility.domain.records import Decision


@dataclass
class Booking:
    subject: str
    time_type_code: str
    clinic_hsa_id: str
    start_at: datetime
    status: str
    version: int


class FakeBookings:
    def __init__(self, covered: set[str]) -> None:
        self.covered_types = covered
        self.bookings: dict[uuid.UUID, Booking] = {}
        self.decisions: list[Decision] = []
        self.redeemed: dict[str, uuid.UUID | None] = {}  # invitation code -> the booking using it
        self.follow_ups: dict[uuid.UUID, dict[str, Any]] = {}

    def decided(self, decision: Decision) -> None:
        self.decisions.append(decision)
        if decision.invitation_code:
            self.redeemed.setdefault(decision.invitation_code, None)

    async def covered(self, session: Any, time_type: str, /) -> bool:
        return time_type in self.covered_types

    async def record_live(
        self,
        session: Any,
        /,
        *,
        appointment_id: uuid.UUID,
        subject: str,
        time_type_code: str,
        clinic_hsa_id: str,
        start: datetime,
        version: int,
    ) -> None:
        self.bookings.setdefault(
            appointment_id, Booking(subject, time_type_code, clinic_hsa_id, start, "live", version)
        )

    async def decision_for(self, session: Any, appointment_id: uuid.UUID, /) -> Decision | None:
        mine = [d for d in self.decisions if d.appointment_id == appointment_id and d.eligible]
        return max(mine, key=lambda d: d.id) if mine else None

    async def redeem_invitation(self, session: Any, code: str, appointment_id: uuid.UUID, /) -> None:
        if code in self.redeemed and self.redeemed[code] is None:
            self.redeemed[code] = appointment_id

    async def add_follow_up(self, session: Any, /, **values: Any) -> None:
        self.follow_ups.setdefault(values["appointment_id"], {**values, "status": "open"})

    async def move(self, session: Any, appointment_id: uuid.UUID, /, *, start: datetime, version: int) -> None:
        known = self.bookings.get(appointment_id)
        if known and known.version < version:
            self.bookings[appointment_id] = dataclasses.replace(known, start_at=start, version=version)

    async def end(self, session: Any, appointment_id: uuid.UUID, /, *, status: str, version: int) -> None:
        known = self.bookings.get(appointment_id)
        if known is None or known.version > version:
            return
        self.bookings[appointment_id] = dataclasses.replace(known, status=status, version=version)
        for code, holder in self.redeemed.items():
            if holder == appointment_id:
                self.redeemed[code] = None
        if appointment_id in self.follow_ups:
            self.follow_ups[appointment_id]["status"] = "cancelled"
