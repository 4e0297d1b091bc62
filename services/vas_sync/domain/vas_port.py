"""The port to the region's journal system (VAS): the scheduling operations VAS sync needs,
in terms of what an appointment event wants, so any protocol can stand behind it.

Two adapters do: the simulator's JSON API (`adapters/vas_http.py`, which knows our reference and
offers a change feed) and the national contract crm:scheduling (`adapters/vas_crm_port.py`, which
knows neither: a booking of ours is found by the resident's schedule at the unit). Results are
values or one of the three errors below, never raw HTTP: a refusal with the contract's result
code, "unavailable" (VAS said no for now), and "outcome unknown" (the call may have been applied —
look before doing it again).
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from services.vas_sync.domain.wanted import Wanted


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


class VasAnswerInvalid(VasOutcomeUnknown):
    """VAS answered, but not what the contract allows (schema-invalid, unreadable): a change may
    have been applied, so look before acting again; and it is no outage that waiting cures, so the
    message is tried a few times, then parked with the reason for operations to see."""


@dataclass(frozen=True)
class OurBooking:
    """One of our bookings, to be looked for in VAS: by our reference where VAS keeps one, else by
    the resident's schedule at the unit — on one of `slot_ids`, or as the VAS appointment a commit
    knows (`vas_appointment_id`)."""

    reference: str
    clinic_hsa_id: str
    subject: str
    slot_ids: tuple[str, ...] = ()
    vas_appointment_id: str | None = None


class VasSchedule(Protocol):
    # True when VAS keeps our reference and finds a booking by it; False when a booking of ours
    # can only be found by its times (VAS sync then records each time before asking for it).
    keeps_reference: bool

    async def make(self, wanted: Wanted) -> VasAppointment:
        """Books `wanted.slot_id` for the resident. Under a protocol that keeps our reference, a
        repeat may answer the appointment an earlier attempt made (on whichever time it holds)."""

    async def move(self, appointment_id: str, wanted: Wanted) -> VasAppointment: ...

    async def cancel(
        self, clinic_hsa_id: str, appointment_id: str, *, reason: str | None, by: str, subject: str | None = None
    ) -> None:
        """`by` is "patient" (then `subject` is the resident who cancels) or "clinic"."""

    async def find(self, ours: OurBooking) -> list[VasAppointment]:
        """The VAS appointments (booked or cancelled) that are this booking of ours."""

    async def schedule_of(self, clinic_hsa_id: str, subject: str) -> list[VasAppointment] | None:
        """The resident's booked appointments at the unit; None when the protocol does not look
        (a change feed reports bookings made elsewhere already)."""

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment] | None:
        """Every appointment of a clinic in [start, end); None when the protocol cannot list them
        (reconciliation then looks for each of our bookings instead)."""

    async def close(self) -> None: ...


@runtime_checkable
class VasChangeFeed(Protocol):
    """A journal system that tells what changed (the simulator does; crm:scheduling has no feed)."""

    async def changes(self, *, after: int, limit: int) -> list[dict[str, object]]: ...


@dataclass(frozen=True)
class FreeTime:
    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    start: datetime
    end: datetime
    practitioner_id: str | None


@runtime_checkable
class VasFreeTimes(Protocol):
    """A journal system asked for its free times (crm:scheduling's GetAvailableTimeslots): how a
    replica is kept without a change feed."""

    async def free_times(self, clinic_hsa_id: str, *, first_day: date, last_day: date) -> list[FreeTime]: ...
