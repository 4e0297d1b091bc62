"""crm:scheduling 1.1 messages as Python values, both ways: a consumer (VAS sync) builds requests
and reads answers, a producer (the VAS simulator's stand-in) reads requests and builds answers.
Every element is written in the contract's order and namespaces (`schemas/`); tests validate each
one. Times are Swedish local time without a zone on the wire (`TS`, `DT`), aware datetimes here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from lxml import etree

from shared.crm_scheduling.contract import CORE, CORE_1_1, Operation, responder, responder_1_1

SWEDEN = ZoneInfo("Europe/Stockholm")
ResultCode = Literal["OK", "INFO", "ERROR"]
_RESULT_CODES: dict[str, ResultCode] = {"OK": "OK", "INFO": "INFO", "ERROR": "ERROR"}


class MessageError(Exception):
    """An element that is not the message it should be (wrong root, missing or malformed field)."""


# --- Values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeslot:
    """A free time or a booking (the contract's TimeslotType; the fields Tidbok reads and writes)."""

    healthcare_facility: str
    start: datetime | None = None
    end: datetime | None = None
    performer: str | None = None
    booking_id: str | None = None
    subject_of_care: str | None = None
    purpose: str | None = None
    reason: str | None = None
    healthcare_facility_name: str | None = None
    time_type_name: str | None = None
    time_type_id: str | None = None
    cancel_booking_allowed: bool | None = None
    rebooking_allowed: bool | None = None
    message_allowed: bool | None = None


@dataclass(frozen=True)
class Person:
    """The resident in MakeBooking/UpdateBooking (`subject_of_care_info`): names are mandatory in
    1.1 and must match the population register."""

    first_name: str
    last_name: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Result:
    code: ResultCode
    text: str | None = None
    booking_id: str | None = None  # MakeBooking only

    @property
    def done(self) -> bool:
        return self.code in ("OK", "INFO")


@dataclass(frozen=True)
class TimeType:
    id: str
    name: str


@dataclass(frozen=True)
class Facility:
    hsa_id: str
    name: str | None = None


@dataclass(frozen=True)
class Request:
    """A request as a producer reads it: the operation and its fields."""

    operation: Operation
    healthcare_facility: str | None = None
    subject_of_care: str | None = None
    booking_id: str | None = None
    timeslot: Timeslot | None = None
    person: Person | None = None
    start_date: date | None = None
    end_date: date | None = None
    time_type_id: str | None = None
    message: str | None = None
    performers: tuple[str, ...] = field(default=())


# --- Times ---------------------------------------------------------------------------------------


def to_ts(moment: datetime) -> str:
    """Swedish wall-clock time. The hour the clocks go back happens twice and the wire cannot say
    which: compare times from the wire as wall-clock text (or within that hour, expect either)."""
    if moment.tzinfo is None:
        raise ValueError("a time without a zone cannot be put on the wire")
    return moment.astimezone(SWEDEN).strftime("%Y%m%d%H%M%S")


def from_ts(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=SWEDEN)
    except ValueError:
        raise MessageError(f"not a TS time: {text[:20]!r}") from None


def to_dt(day: date) -> str:
    return day.strftime("%Y%m%d")


def from_dt(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise MessageError(f"not a DT date: {text[:20]!r}") from None


# --- Writing -------------------------------------------------------------------------------------


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _add(parent: etree._Element, namespace: str, name: str, value: str | bool | None) -> None:
    if value is None:
        return
    text = ("true" if value else "false") if isinstance(value, bool) else value
    etree.SubElement(parent, _q(namespace, name)).text = text


def _root(operation: Operation, *, response: bool = False) -> etree._Element:
    ns = responder(operation)
    nsmap = {"tns": ns, "core": CORE, "core11": CORE_1_1}
    return etree.Element(_q(ns, f"{operation}Response" if response else operation), nsmap=nsmap)


def _timeslot(parent: etree._Element, namespace: str, name: str, slot: Timeslot) -> None:
    element = etree.SubElement(parent, _q(namespace, name))
    _add(element, CORE, "startTimeInclusive", to_ts(slot.start) if slot.start else None)
    _add(element, CORE, "endTimeExclusive", to_ts(slot.end) if slot.end else None)
    _add(element, CORE, "healthcare_facility", slot.healthcare_facility)
    _add(element, CORE, "performer", slot.performer)
    _add(element, CORE, "bookingId", slot.booking_id)
    _add(element, CORE, "subject_of_care", slot.subject_of_care)
    _add(element, CORE, "purpose", slot.purpose)
    _add(element, CORE, "reason", slot.reason)
    _add(element, CORE, "healthcare_facility_name", slot.healthcare_facility_name)
    _add(element, CORE, "timeTypeName", slot.time_type_name)
    _add(element, CORE, "timeTypeID", slot.time_type_id)
    _add(element, CORE, "cancel_booking_allowed", slot.cancel_booking_allowed)
    _add(element, CORE, "rebooking_allowed", slot.rebooking_allowed)
    _add(element, CORE, "message_allowed", slot.message_allowed)


def _person(parent: etree._Element, namespace: str, person: Person) -> None:
    element = etree.SubElement(parent, _q(namespace, "subject_of_care_info"))
    _add(element, CORE, "phone", person.phone)
    _add(element, CORE, "email", person.email)
    _add(element, CORE_1_1, "firstName", person.first_name)
    _add(element, CORE_1_1, "lastName", person.last_name)


def get_all_healthcare_facilities(facility: str, subject: str) -> etree._Element:
    root = _root("GetAllHealthcareFacilities")
    ns = responder("GetAllHealthcareFacilities")
    _add(root, ns, "healthcare_facility", facility)
    _add(root, ns, "subject_of_care", subject)
    return root


def get_all_time_types(facility: str, subject: str) -> etree._Element:
    root = _root("GetAllTimeTypes")
    _add(root, responder("GetAllTimeTypes"), "healthcare_facility", facility)
    _add(root, responder_1_1("GetAllTimeTypes"), "subject_of_care", subject)
    return root


def get_available_timeslots(
    facility: str, subject: str, *, first_day: date, last_day: date, time_type_id: str | None = None
) -> etree._Element:
    root = _root("GetAvailableTimeslots")
    ns = responder("GetAvailableTimeslots")
    _add(root, ns, "healthcare_facility", facility)
    _add(root, ns, "startDateInclusive", to_dt(first_day))
    _add(root, ns, "endDateInclusive", to_dt(last_day))
    _add(root, ns, "timeTypeID", time_type_id)
    _add(root, responder_1_1("GetAvailableTimeslots"), "subject_of_care", subject)
    return root


def make_booking(slot: Timeslot, person: Person, *, notification: str | None = None) -> etree._Element:
    root = _root("MakeBooking")
    ns = responder("MakeBooking")
    _add(root, ns, "healthcare_facility_med", slot.healthcare_facility)
    _timeslot(root, ns, "requestedTimeslot", slot)
    _person(root, ns, person)
    _add(root, ns, "notification", notification)
    return root


def update_booking(slot: Timeslot, person: Person | None = None) -> etree._Element:
    """Move the booking `slot.booking_id` to the time `slot` describes."""
    root = _root("UpdateBooking")
    ns = responder("UpdateBooking")
    _timeslot(root, ns, "requestedTimeslot", slot)
    if person is not None:
        _person(root, ns, person)
    return root


def cancel_booking(facility: str, booking_id: str, *, message: str | None = None) -> etree._Element:
    root = _root("CancelBooking")
    ns = responder("CancelBooking")
    _add(root, ns, "healthcare_facility", facility)
    _add(root, ns, "bookingId", booking_id)
    _add(root, ns, "message", message)
    return root


def get_booking_details(facility: str, booking_id: str) -> etree._Element:
    root = _root("GetBookingDetails")
    ns = responder("GetBookingDetails")
    _add(root, ns, "healthcare_facility", facility)
    _add(root, ns, "bookingId", booking_id)
    return root


def get_subject_of_care_schedule(facility: str, subject: str) -> etree._Element:
    root = _root("GetSubjectOfCareSchedule")
    ns = responder("GetSubjectOfCareSchedule")
    _add(root, ns, "healthcare_facility", facility)
    _add(root, ns, "subject_of_care", subject)
    return root


def result_answer(operation: Operation, result: Result) -> etree._Element:
    """MakeBooking, UpdateBooking or CancelBooking's response."""
    root = _root(operation, response=True)
    ns = responder(operation)
    if operation == "MakeBooking":
        _add(root, ns, "bookingId", result.booking_id)
    _add(root, ns, "resultCode", result.code)
    _add(root, ns, "resultText", result.text)
    return root


def timeslots_answer(
    operation: Literal["GetAvailableTimeslots", "GetSubjectOfCareSchedule", "GetBookingDetails"],
    slots: Iterable[Timeslot],
) -> etree._Element:
    root = _root(operation, response=True)
    for slot in slots:
        _timeslot(root, responder(operation), "timeslotDetail", slot)
    return root


def time_types_answer(types: Iterable[TimeType]) -> etree._Element:
    root = _root("GetAllTimeTypes", response=True)
    for kind in types:
        element = etree.SubElement(root, _q(responder("GetAllTimeTypes"), "ListOfTimeTypes"))
        _add(element, CORE, "timeTypeName", kind.name)
        _add(element, CORE, "timeTypeId", kind.id)
    return root


def facilities_answer(facilities: Iterable[Facility]) -> etree._Element:
    root = _root("GetAllHealthcareFacilities", response=True)
    for facility in facilities:
        element = etree.SubElement(root, _q(responder("GetAllHealthcareFacilities"), "healthcareFacilityInfos"))
        _add(element, CORE, "healthcare_facility", facility.hsa_id)
        _add(element, CORE, "healthcare_facility_name", facility.name)
    return root


# --- Reading -------------------------------------------------------------------------------------


def _text(element: etree._Element, namespace: str, name: str) -> str | None:
    found = element.find(_q(namespace, name))
    return None if found is None else (found.text or "")


def _bool(element: etree._Element, name: str) -> bool | None:
    text = _text(element, CORE, name)
    return None if text is None else text.strip() in ("true", "1")


def _expect(element: etree._Element, operation: Operation, *, response: bool) -> str:
    ns = responder(operation)
    tag = _q(ns, f"{operation}Response" if response else operation)
    if element.tag != tag:
        raise MessageError(f"expected {tag}, got {element.tag}")
    return ns


def read_timeslot(element: etree._Element) -> Timeslot:
    facility = _text(element, CORE, "healthcare_facility")
    if not facility:
        raise MessageError("a time slot without healthcare_facility")
    start, end = _text(element, CORE, "startTimeInclusive"), _text(element, CORE, "endTimeExclusive")
    return Timeslot(
        healthcare_facility=facility,
        start=from_ts(start) if start else None,
        end=from_ts(end) if end else None,
        performer=_text(element, CORE, "performer"),
        booking_id=_text(element, CORE, "bookingId"),
        subject_of_care=_text(element, CORE, "subject_of_care"),
        purpose=_text(element, CORE, "purpose"),
        reason=_text(element, CORE, "reason"),
        healthcare_facility_name=_text(element, CORE, "healthcare_facility_name"),
        time_type_name=_text(element, CORE, "timeTypeName"),
        time_type_id=_text(element, CORE, "timeTypeID"),
        cancel_booking_allowed=_bool(element, "cancel_booking_allowed"),
        rebooking_allowed=_bool(element, "rebooking_allowed"),
        message_allowed=_bool(element, "message_allowed"),
    )


def read_result(element: etree._Element, operation: Operation) -> Result:
    ns = _expect(element, operation, response=True)
    code = _RESULT_CODES.get(_text(element, ns, "resultCode") or "")
    if code is None:
        raise MessageError(f"resultCode {str(_text(element, ns, 'resultCode'))[:20]!r}")
    return Result(code=code, text=_text(element, ns, "resultText"), booking_id=_text(element, ns, "bookingId"))


def read_timeslots(element: etree._Element, operation: Operation) -> list[Timeslot]:
    ns = _expect(element, operation, response=True)
    return [read_timeslot(e) for e in element.findall(_q(ns, "timeslotDetail"))]


def read_time_types(element: etree._Element) -> list[TimeType]:
    ns = _expect(element, "GetAllTimeTypes", response=True)
    return [
        TimeType(id=_text(e, CORE, "timeTypeId") or "", name=_text(e, CORE, "timeTypeName") or "")
        for e in element.findall(_q(ns, "ListOfTimeTypes"))
    ]


def read_facilities(element: etree._Element) -> list[Facility]:
    ns = _expect(element, "GetAllHealthcareFacilities", response=True)
    return [
        Facility(hsa_id=_text(e, CORE, "healthcare_facility") or "", name=_text(e, CORE, "healthcare_facility_name"))
        for e in element.findall(_q(ns, "healthcareFacilityInfos"))
    ]


def read_request(element: etree._Element, operation: Operation) -> Request:
    """A producer's view of a (schema-valid) request."""
    ns = _expect(element, operation, response=False)
    ext = responder_1_1(operation)
    slot_element = element.find(_q(ns, "requestedTimeslot"))
    person_element = element.find(_q(ns, "subject_of_care_info"))
    person = None
    if person_element is not None:
        person = Person(
            first_name=_text(person_element, CORE_1_1, "firstName") or "",
            last_name=_text(person_element, CORE_1_1, "lastName") or "",
            phone=_text(person_element, CORE, "phone"),
            email=_text(person_element, CORE, "email"),
        )
    first, last = _text(element, ns, "startDateInclusive"), _text(element, ns, "endDateInclusive")
    return Request(
        operation=operation,
        healthcare_facility=_text(element, ns, "healthcare_facility") or _text(element, ns, "healthcare_facility_med"),
        subject_of_care=_text(element, ns, "subject_of_care") or _text(element, ext, "subject_of_care"),
        booking_id=_text(element, ns, "bookingId"),
        timeslot=None if slot_element is None else read_timeslot(slot_element),
        person=person,
        start_date=from_dt(first) if first else None,
        end_date=from_dt(last) if last else None,
        time_type_id=_text(element, ns, "timeTypeID"),
        message=_text(element, ns, "message"),
        performers=tuple(e.text or "" for e in element.findall(_q(ns, "performer"))),
    )


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
