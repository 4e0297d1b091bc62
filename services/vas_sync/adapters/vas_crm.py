"""VAS over the national scheduling contract, crm:scheduling 1.1 (RIV-TA basic profile 2.1: SOAP 1.1,
one responder per operation, the care unit's HSA-id as logical address, an actor on each call).

What a producer answers is read the way the VAS port reads every journal system: a logical
refusal (`resultCode` ERROR) is `VasRefused` with the contract's code (the v2.0 code when the text
starts with one, else a general refusal); HTTP 429/503 are `VasUnavailable` (with Retry-After);
a SOAP fault `soap:Client` is our request's fault (`VasRefused("INVALID_REQUEST")`); any other
failure of a change — a fault, a timeout, a broken connection after sending, an answer the
schemas refuse — is `VasOutcomeUnknown`, since the producer may have applied it. Every answer is
validated against the contract's schemas before it is read.

This is the contract's client; `vas_crm_port.CrmSchedule` puts it behind VAS sync's port.
"""

import asyncio
import re
import ssl
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import aiohttp
from lxml import etree

from services.vas_sync.adapters.vas_http import retry_after_s
from services.vas_sync.domain.vas_port import VasAnswerInvalid, VasOutcomeUnknown, VasRefused, VasUnavailable
from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from shared.crm_scheduling.contract import Operation, operation_of, problems, soap_action

# Throttling is answered before anything is done. A 503 is "not applied" for a read only: before a
# producer it may come from the platform after the producer applied a change, and MakeBooking has
# no reference to repeat it safely by, so a change answered 503 is an unknown outcome (look first).
_NOT_APPLIED = {429}
_NOT_APPLIED_READ = {429, 503}
# A producer's text may name the resident: personnummer-like digits are hidden before it is kept.
_PERSONNUMMER_LIKE = re.compile(r"\b(\d{6}|\d{8})[-+]?\d{4}\b")
_THROTTLED_DEFAULT_S = 1.0
_CHANGES: frozenset[Operation] = frozenset({"MakeBooking", "UpdateBooking", "CancelBooking"})
# The v2.0 codes a producer's ERROR text may start with; anything else is a general refusal.
_KNOWN_CODES = frozenset(
    {
        "REQUESTED_TIME_IS_ALREADY_RESERVED",
        "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE",
        "REQUESTED_TIME_HAS_ALREADY_PASSED",
        "TOO_LATE_TO_MAKE_APPOINTMENT",
        "TOO_LATE_TO_CANCEL_APPOINTMENT",
        "TOO_LATE_TO_UPDATE_APPOINTMENT",
        "APPOINTMENT_DOES_NOT_EXIST",
        "APPOINTMENT_IS_ALREADY_CANCELED",
        "APPOINTMENT_IS_NOT_ALLOWED",
        "USER_IS_ALREADY_OCCUPIED",
    }
)
GENERAL_REFUSAL = "APPOINTMENT_IS_NOT_ALLOWED"
T = TypeVar("T")


class CrmVas:
    def __init__(
        self,
        endpoint: Callable[[Operation, str], str],
        *,
        timeout_s: float,
        ssl_context: ssl.SSLContext | None = None,
        max_connections: int = 64,
    ) -> None:
        """`endpoint` gives each responder's URL for an operation and logical address (on the
        national platform one per operation; a producer reached directly may differ per unit)."""
        self._endpoint = endpoint
        self._timeout = aiohttp.ClientTimeout(total=timeout_s, connect=min(timeout_s, 1.0))
        self._ssl: ssl.SSLContext | bool = ssl_context if ssl_context is not None else True
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def at(cls, base_url: str, **kwargs: object) -> "CrmVas":
        """Responders at `<base_url>/<Operation>` (the simulator's stand-in: `.../crm-scheduling`)."""
        base = base_url.rstrip("/")
        return cls(lambda operation, _: f"{base}/{operation}", **kwargs)  # type: ignore[arg-type]

    @classmethod
    def templated(cls, template: str, per_unit: dict[str, str], **kwargs: object) -> "CrmVas":
        """Responders at `template` with `{operation}` filled in; `per_unit` overrides it for a unit."""
        units = {unit.upper(): url for unit, url in per_unit.items()}

        def endpoint(operation: Operation, unit: str) -> str:
            return units.get(unit.upper(), template).replace("{operation}", operation)

        return cls(endpoint, **kwargs)  # type: ignore[arg-type]

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._max_connections, ssl=self._ssl)
            self._session = aiohttp.ClientSession(timeout=self._timeout, connector=connector)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    # --- the operations ------------------------------------------------------------------------

    async def available(
        self, clinic: str, subject: str, *, first_day: date, last_day: date, time_type: str | None, actor: soap.Actor
    ) -> list[m.Timeslot]:
        request = m.get_available_timeslots(
            clinic, subject, first_day=first_day, last_day=last_day, time_type_id=time_type
        )
        answer = await self._call("GetAvailableTimeslots", request, clinic, actor)
        return _read(lambda: m.read_timeslots(answer, "GetAvailableTimeslots"), VasAnswerInvalid)

    async def make(self, slot: m.Timeslot, person: m.Person, *, actor: soap.Actor) -> str:
        """Books `slot` (with `subject_of_care`) for `person`; answers the producer's bookingId."""
        answer = await self._call("MakeBooking", m.make_booking(slot, person), slot.healthcare_facility, actor)
        result = self._result(answer, "MakeBooking")
        booking_id = (result.booking_id or "").strip()
        if not booking_id:
            raise VasOutcomeUnknown("MakeBooking answered OK without a bookingId")
        return booking_id

    async def move(self, slot: m.Timeslot, *, actor: soap.Actor) -> None:
        """Moves the booking `slot.booking_id` to the time `slot` names."""
        self._result(
            await self._call("UpdateBooking", m.update_booking(slot), slot.healthcare_facility, actor), "UpdateBooking"
        )

    async def cancel(self, clinic: str, booking_id: str, *, message: str | None, actor: soap.Actor) -> None:
        answer = await self._call("CancelBooking", m.cancel_booking(clinic, booking_id, message=message), clinic, actor)
        self._result(answer, "CancelBooking")

    async def details(self, clinic: str, booking_id: str, *, actor: soap.Actor) -> m.Timeslot:
        answer = await self._call("GetBookingDetails", m.get_booking_details(clinic, booking_id), clinic, actor)
        found = _read(lambda: m.read_timeslots(answer, "GetBookingDetails"), VasAnswerInvalid)
        if len(found) != 1:
            raise VasUnavailable(f"GetBookingDetails answered {len(found)} bookings")
        return found[0]

    async def schedule_of(self, clinic: str, subject: str, *, actor: soap.Actor) -> list[m.Timeslot]:
        """The resident's bookings at `clinic` (GetSubjectOfCareSchedule, mandatory for producers)."""
        answer = await self._call(
            "GetSubjectOfCareSchedule", m.get_subject_of_care_schedule(clinic, subject), clinic, actor
        )
        return _read(lambda: m.read_timeslots(answer, "GetSubjectOfCareSchedule"), VasAnswerInvalid)

    async def find_made(self, slot: m.Timeslot, *, actor: soap.Actor) -> list[m.Timeslot]:
        """After a MakeBooking whose answer was lost: the resident's bookings at that unit, start and
        time type (the contract has no caller reference to look up by)."""
        assert slot.subject_of_care is not None
        mine = await self.schedule_of(slot.healthcare_facility, slot.subject_of_care, actor=actor)
        # Compared as Swedish wall-clock time, as the wire carries it: the hour the clocks go back
        # happens twice, and the wire cannot say which.
        wanted = m.to_ts(slot.start) if slot.start else None
        return [
            b
            for b in mine
            if b.start is not None
            and m.to_ts(b.start) == wanted
            and (slot.time_type_id is None or b.time_type_id == slot.time_type_id)
        ]

    async def facilities(self, address: str, subject: str, *, actor: soap.Actor) -> list[m.Facility]:
        """The units a producer serves at a logical address (GetAllHealthcareFacilities)."""
        answer = await self._call(
            "GetAllHealthcareFacilities", m.get_all_healthcare_facilities(address, subject), address, actor
        )
        return _read(lambda: m.read_facilities(answer), VasAnswerInvalid)

    async def time_types(self, clinic: str, subject: str, *, actor: soap.Actor) -> list[m.TimeType]:
        answer = await self._call("GetAllTimeTypes", m.get_all_time_types(clinic, subject), clinic, actor)
        return _read(lambda: m.read_time_types(answer), VasAnswerInvalid)

    # --- the wire -------------------------------------------------------------------------------

    def _result(self, answer: etree._Element, operation: Operation) -> m.Result:
        result = _read(lambda: m.read_result(answer, operation), VasAnswerInvalid)
        if result.done:
            return result
        text = result.text or ""
        code = text.split(":", 1)[0].strip()
        raise VasRefused(code if code in _KNOWN_CODES else GENERAL_REFUSAL, _hidden(text)[:500])

    async def _call(self, operation: Operation, body: etree._Element, clinic: str, actor: soap.Actor) -> etree._Element:
        changes = operation in _CHANGES
        unknown = VasOutcomeUnknown if changes else VasUnavailable
        raw = soap.envelope(body, logical_address=clinic, actor=actor)
        headers = {"Content-Type": soap.CONTENT_TYPE, "SOAPAction": f'"{soap_action(operation)}"'}
        try:
            async with self._client().post(self._endpoint(operation, clinic), data=raw, headers=headers) as response:
                status = response.status
                answer = await _body(response)
                retry_after = retry_after_s(response.headers.get("Retry-After"))
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            raise VasUnavailable(f"VAS unreachable: {type(exc).__name__}") from None
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise unknown(f"no answer from VAS: {type(exc).__name__}") from None
        if status in _NOT_APPLIED:
            raise VasUnavailable(
                f"VAS {status}", retry_after if retry_after is not None or status != 429 else _THROTTLED_DEFAULT_S
            )
        # A 200 that is not the contract's answer is a broken producer, not a passing outage.
        invalid = VasAnswerInvalid if status == 200 else unknown
        try:
            parsed = soap.parse(answer)
        except soap.SoapError as exc:
            raise invalid(f"VAS {status}, not a SOAP answer: {exc}") from None
        if isinstance(parsed, soap.Fault):
            if parsed.code.endswith("Client"):
                raise VasRefused("INVALID_REQUEST", _hidden(parsed.message)[:500])
            raise unknown(f"VAS {status} fault: {_hidden(parsed.message)[:200]}", retry_after)
        # Validation of a month of times takes a good part of a second: not on the event loop.
        found = await asyncio.to_thread(problems, parsed.body)
        if status != 200 or operation_of(parsed.body) != (operation, True) or found:
            reason = found[0] if found else f"not a {operation}Response"
            raise invalid(f"VAS {status}, answer refused by the contract's schemas: {reason}")
        return parsed.body


async def _body(response: aiohttp.ClientResponse) -> bytes:
    """The whole answer up to one byte past the limit (a larger one is refused when parsed).
    `content.read(n)` would answer only what has arrived so far: a large answer comes in chunks."""
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > soap.MAX_BYTES:
            break
    return b"".join(chunks)[: soap.MAX_BYTES + 1]


def _read(read: Callable[[], T], error: type[VasUnavailable]) -> T:
    """A schema-valid answer the calendar still refuses (31 February) is no answer either."""
    try:
        return read()
    except (m.MessageError, ValueError) as exc:
        raise error(f"VAS answered what cannot be read: {exc}") from None


def _hidden(text: str) -> str:
    return _PERSONNUMMER_LIKE.sub("[personnummer]", text)
