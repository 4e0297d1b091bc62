"""crm:scheduling 1.1 messages: every request VAS sync builds and every answer the producer
stand-in builds is valid against the contract's schemas (shared/crm_scheduling/schemas) and reads
back as what was written; the envelope carries the RIV-TA headers; hostile XML is refused."""

import dataclasses
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from shared.crm_scheduling.contract import (
    OPERATIONS,
    ContractViolation,
    Operation,
    operation_of,
    problems,
    soap_action,
    validate,
)

SWEDEN = ZoneInfo("Europe/Stockholm")
UNIT = "SE2321000115-O10001"
PNR = "191212121212"
SLOT = m.Timeslot(
    healthcare_facility=UNIT,
    start=datetime(2027, 3, 28, 9, 0, tzinfo=SWEDEN),
    end=datetime(2027, 3, 28, 9, 20, tzinfo=SWEDEN),
    performer="SE2321000115-P0001",
    subject_of_care=PNR,
    time_type_id="nurse-visit",
    time_type_name="Sjuksköterskebesök",
)
TOLVAN = m.Person(first_name="Tolvan", last_name="Tolvansson", phone="+46701234567")

REQUESTS = {
    "GetAllHealthcareFacilities": m.get_all_healthcare_facilities(UNIT, PNR),
    "GetAllTimeTypes": m.get_all_time_types(UNIT, PNR),
    "GetAvailableTimeslots": m.get_available_timeslots(
        UNIT, PNR, first_day=date(2027, 3, 27), last_day=date(2027, 4, 2), time_type_id="nurse-visit"
    ),
    "MakeBooking": m.make_booking(SLOT, TOLVAN),
    "UpdateBooking": m.update_booking(m.Timeslot(**{**SLOT.__dict__, "booking_id": "B-1"})),
    "CancelBooking": m.cancel_booking(UNIT, "B-1", message="Förhinder"),
    "GetBookingDetails": m.get_booking_details(UNIT, "B-1"),
    "GetSubjectOfCareSchedule": m.get_subject_of_care_schedule(UNIT, PNR),
}
ANSWERS = {
    "GetAllHealthcareFacilities": m.facilities_answer([m.Facility(UNIT, "Vårdcentralen Centrum")]),
    "GetAllTimeTypes": m.time_types_answer([m.TimeType("nurse-visit", "Sjuksköterskebesök")]),
    "GetAvailableTimeslots": m.timeslots_answer("GetAvailableTimeslots", [SLOT]),
    "MakeBooking": m.result_answer("MakeBooking", m.Result("OK", booking_id="B-1")),
    "UpdateBooking": m.result_answer("UpdateBooking", m.Result("INFO", "Kom fastande")),
    "CancelBooking": m.result_answer("CancelBooking", m.Result("ERROR", "Tiden har redan passerat")),
    "GetBookingDetails": m.timeslots_answer("GetBookingDetails", [SLOT]),
    "GetSubjectOfCareSchedule": m.timeslots_answer("GetSubjectOfCareSchedule", [SLOT, SLOT]),
}


def test_every_operation_has_a_request_and_an_answer_here() -> None:
    assert set(REQUESTS) == set(ANSWERS) == set(OPERATIONS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_request_is_valid_and_reads_back(operation: Operation) -> None:
    element = REQUESTS[operation]
    assert problems(element) == []
    assert operation_of(element) == (operation, False)
    read = m.read_request(etree.fromstring(etree.tostring(element)), operation)
    assert read.operation == operation
    if operation == "MakeBooking":
        assert read.timeslot == SLOT and read.person == TOLVAN and read.healthcare_facility == UNIT
    if operation in ("GetAllTimeTypes", "GetAvailableTimeslots", "GetSubjectOfCareSchedule"):
        assert read.subject_of_care == PNR


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_answer_is_valid_and_reads_back(operation: Operation) -> None:
    element = etree.fromstring(etree.tostring(ANSWERS[operation]))
    assert problems(element) == []
    assert operation_of(element) == (operation, True)
    if operation in ("MakeBooking", "UpdateBooking", "CancelBooking"):
        result = m.read_result(element, operation)
        assert result.code in ("OK", "INFO", "ERROR")
    elif operation == "GetAllTimeTypes":
        assert m.read_time_types(element) == [m.TimeType("nurse-visit", "Sjuksköterskebesök")]
    elif operation == "GetAllHealthcareFacilities":
        assert m.read_facilities(element) == [m.Facility(UNIT, "Vårdcentralen Centrum")]
    else:
        assert all(slot == SLOT for slot in m.read_timeslots(element, operation))


def test_the_contracts_own_sample_request_is_valid() -> None:
    """The MakeBooking sample of RIV-TA's reference application, as published."""
    sample = b"""<urn2:MakeBooking xmlns:urn2="urn:riv:crm:scheduling:MakeBookingResponder:1"
        xmlns:urn3="urn:riv:crm:scheduling:1" xmlns:urn4="urn:riv:crm:scheduling:1.1">
      <urn2:healthcare_facility_med>SE123456789012-1234</urn2:healthcare_facility_med>
      <urn2:requestedTimeslot>
        <urn3:startTimeInclusive>20120216140000</urn3:startTimeInclusive>
        <urn3:endTimeExclusive>20120216150000</urn3:endTimeExclusive>
        <urn3:healthcare_facility>SE0129876543210-4321</urn3:healthcare_facility>
        <urn3:subject_of_care>201202162742</urn3:subject_of_care>
      </urn2:requestedTimeslot>
      <urn2:subject_of_care_info>
        <urn4:firstName>Maj-Lis</urn4:firstName><urn4:lastName>Stolt</urn4:lastName>
      </urn2:subject_of_care_info>
    </urn2:MakeBooking>"""
    assert problems(etree.fromstring(sample)) == []


def test_what_the_contract_forbids_is_refused() -> None:
    nameless = m.make_booking(SLOT, TOLVAN)
    info = nameless.find("{urn:riv:crm:scheduling:MakeBookingResponder:1}subject_of_care_info")
    assert info is not None
    first_name = info.find("{urn:riv:crm:scheduling:1.1}firstName")
    assert first_name is not None
    info.remove(first_name)
    with pytest.raises(ContractViolation, match="firstName"):
        validate(nameless)
    bad_person = m.get_subject_of_care_schedule(UNIT, "19121212-1212")  # the wire form has no dash
    assert problems(bad_person)
    bad_code = m.result_answer("CancelBooking", m.Result("OK"))
    bad_code[0].text = "MAYBE"
    assert problems(bad_code)
    with pytest.raises(m.MessageError):
        m.read_result(bad_code, "CancelBooking")


def test_times_are_swedish_local_time_on_the_wire_across_the_clock_change() -> None:
    spring = datetime(2027, 3, 28, 3, 30, tzinfo=SWEDEN)  # just after 02:00 became 03:00
    assert m.to_ts(spring) == "20270328033000"
    assert m.from_ts("20270328033000") == spring
    assert m.to_ts(datetime(2027, 3, 28, 1, 30, tzinfo=ZoneInfo("UTC"))) == "20270328033000"
    with pytest.raises(m.MessageError):
        m.from_ts("2027-03-28")


def test_the_envelope_carries_the_riv_ta_headers_and_they_are_valid() -> None:
    raw = soap.envelope(
        REQUESTS["MakeBooking"], logical_address=UNIT, actor=soap.Actor(actor_id=PNR, actor_type="subject_of_care")
    )
    parsed = soap.parse(raw)
    assert isinstance(parsed, soap.Envelope)
    assert parsed.logical_address == UNIT
    assert parsed.actor == soap.Actor(PNR, "subject_of_care")
    assert operation_of(parsed.body) == ("MakeBooking", False)
    header = etree.fromstring(raw).find(soap.q(soap.SOAP_ENV, "Header"))
    assert header is not None and all(problems(element) == [] for element in header)
    assert soap_action("MakeBooking") == "urn:riv:crm:scheduling:MakeBookingResponder:1:MakeBooking"


def test_a_fault_reads_as_a_fault() -> None:
    parsed = soap.parse(soap.fault("soap:Server", "VAS is restarting"))
    assert parsed == soap.Fault(code="soap:Server", message="VAS is restarting")


@pytest.mark.parametrize(
    "raw",
    [
        b"not xml",
        b"<a/>",
        b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body/></soapenv:Envelope>',
        # An entity bomb: the hardened parser does not expand entities.
        b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><x>&b;</x>'
        b"</soapenv:Body></soapenv:Envelope>",
        b"<x>" + b"a" * (soap.MAX_BYTES + 1) + b"</x>",
    ],
)
def test_what_is_not_one_envelope_is_refused(raw: bytes) -> None:
    try:
        parsed = soap.parse(raw)
    except soap.SoapError:
        return
    # Entities are left unexpanded: the body holds an element whose text is not the expansion.
    assert isinstance(parsed, soap.Envelope)
    assert "aaaaaaaaaa" not in (parsed.body.text or "")


def test_a_time_without_a_zone_is_not_put_on_the_wire() -> None:
    with pytest.raises(ValueError, match="zone"):
        m.to_ts(datetime(2027, 3, 28, 9, 0))


def test_our_ids_for_the_contracts_times_name_them_whole_and_compare_by_time() -> None:
    from shared.crm_scheduling.slot_ids import is_slot_id, same_time_prefix, slot_id, timeslot_of

    start = datetime(2026, 10, 25, 2, 30, tzinfo=m.SWEDEN)  # the hour the clocks go back
    slot = m.Timeslot(
        "se2321000115-o10001", start=start, end=start.replace(hour=3), performer="p~1", time_type_id="a b"
    )
    made = slot_id(slot)
    assert is_slot_id(made) and made.count("~") == 5  # the performer's own "~" is encoded
    back = timeslot_of(made, booking_id="B-1", subject="191212121212")
    assert (back.healthcare_facility, back.performer, back.time_type_id) == ("SE2321000115-O10001", "p~1", "a b")
    assert m.to_ts(back.start or start) == m.to_ts(start) and back.booking_id == "B-1"
    without_performer = slot_id(dataclasses.replace(slot, performer=None))
    assert same_time_prefix(made) == same_time_prefix(without_performer) != made
    with pytest.raises(m.MessageError):
        timeslot_of("ts-123")
