"""The port to the region's journal system (VAS): the scheduling operations VAS sync needs.

The HTTP adapter speaks the simulator's JSON; a RIV-TA (SOAP) adapter for a real VAS would
implement the same protocol. Results are values or one of the three errors below, never raw
HTTP: a refusal with the contract's result code, "unavailable" (VAS said no for now), and
"outcome unknown" (the call may have been applied — look before doing it again).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class VasAppointment:
    id: str
    timeslot_id: str
    reference: str | None
    status: str  # booked | cancelled
    channel: str
    clinic_hsa_id: str
    time_type_code: str
    start: datetime
    end: datetime

    @property
    def booked(self) -> bool:
        return self.status == "booked"


class VasRefused(Exception):
    """VAS answered with a result code: the request as asked cannot succeed (no retry helps)."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message


class VasUnavailable(Exception):
    """VAS is down, failing or throttling; nothing was applied. `retry_after_s` if VAS said so."""

    def __init__(self, reason: str, retry_after_s: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after_s = retry_after_s


class VasOutcomeUnknown(VasUnavailable):
    """The call timed out or the connection broke after sending: VAS may have applied it."""


class VasSchedule(Protocol):
    async def make(self, *, timeslot_id: str, subject: str, reference: str, channel: str) -> VasAppointment: ...

    async def move(self, appointment_id: str, *, timeslot_id: str) -> VasAppointment: ...

    async def cancel(self, appointment_id: str, *, reason: str | None, by: str) -> VasAppointment: ...

    async def by_reference(self, reference: str) -> list[VasAppointment]: ...

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment]: ...

    async def changes(self, *, after: int, limit: int) -> list[dict[str, object]]: ...

    async def close(self) -> None: ...
