"""The simulator as a crm:scheduling 1.1 producer (SOAP over HTTP): every answer is valid against
the contract's schemas, it behaves like a real producer (a repeated MakeBooking books again: the
contract carries no caller reference), refuses what the schemas refuse with a SOAP fault, and its
fault modes reach these responders too."""

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from lxml import etree

from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from shared.crm_scheduling.contract import Operation, problems, soap_action
from tests.support.people import personnummer
from tests.support.vas_simulator import Vas

RESIDENT = soap.Actor(actor_id="191212121212", actor_type="subject_of_care")
TOLVAN = m.Person(first_name="Tolvan", last_name="Tolvansson")


async def _call(
    vas: Vas, operation: Operation, body: etree._Element, *, actor: soap.Actor | None = RESIDENT
) -> tuple[httpx.Response, soap.Envelope | soap.Fault]:
    raw = soap.envelope(body, logical_address=vas.clinic, actor=actor)
    headers = {"content-type": soap.CONTENT_TYPE, "SOAPAction": soap_action(operation)}
    response = await vas.http.post(f"/crm-scheduling/{operation}", content=raw, headers=headers)
    parsed = soap.parse(response.content)
    if isinstance(parsed, soap.Envelope):
        assert problems(parsed.body) == [], "the producer's answer breaks the contract's schemas"
    return response, parsed


async def _answer(vas: Vas, operation: Operation, body: etree._Element) -> etree._Element:
    response, parsed = await _call(vas, operation, body)
    assert response.status_code == 200 and isinstance(parsed, soap.Envelope), response.text
    return parsed.body


async def _free(vas: Vas, start: datetime) -> list[m.Timeslot]:
    day = start.astimezone(m.SWEDEN).date()
    asked = m.get_available_timeslots(vas.clinic, "191212121212", first_day=day, last_day=day + timedelta(days=1))
    return m.read_timeslots(await _answer(vas, "GetAvailableTimeslots", asked), "GetAvailableTimeslots")


def _for(slot: m.Timeslot, subject: str) -> m.Timeslot:
    return m.Timeslot(
        healthcare_facility=slot.healthcare_facility,
        start=slot.start,
        end=slot.end,
        performer=slot.performer,
        time_type_id=slot.time_type_id,
        subject_of_care=subject,
    )


async def test_book_find_move_and_cancel_through_the_contract(vas: Vas) -> None:
    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=3)
    await vas.new_slots(2, start=start)
    first, second = await _free(vas, start)
    subject = personnummer().replace("-", "")

    made = m.read_result(await _answer(vas, "MakeBooking", m.make_booking(_for(first, subject), TOLVAN)), "MakeBooking")
    assert made.code == "OK" and made.booking_id
    schedule = await _answer(vas, "GetSubjectOfCareSchedule", m.get_subject_of_care_schedule(vas.clinic, subject))
    (mine,) = m.read_timeslots(schedule, "GetSubjectOfCareSchedule")
    assert (mine.booking_id, mine.start, mine.time_type_id) == (made.booking_id, first.start, "nurse-visit")
    assert [s.start for s in await _free(vas, start)] == [second.start], "a booked time is no longer offered"

    moved_to = m.Timeslot(**{**_for(second, subject).__dict__, "booking_id": made.booking_id})
    moved = m.read_result(await _answer(vas, "UpdateBooking", m.update_booking(moved_to)), "UpdateBooking")
    assert moved.code == "OK"
    details = await _answer(vas, "GetBookingDetails", m.get_booking_details(vas.clinic, made.booking_id))
    assert m.read_timeslots(details, "GetBookingDetails")[0].start == second.start

    cancel = m.cancel_booking(vas.clinic, made.booking_id, message="Förhinder")
    assert m.read_result(await _answer(vas, "CancelBooking", cancel), "CancelBooking").code == "OK"
    assert len(await _free(vas, start)) == 2, "a cancelled time is bookable again at once"
    again = m.read_result(await _answer(vas, "CancelBooking", cancel), "CancelBooking")
    assert again.code == "ERROR" and again.text and again.text.startswith("APPOINTMENT_IS_ALREADY_CANCELED")


async def test_a_taken_time_is_refused_with_the_contracts_result(vas: Vas) -> None:
    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=3)
    await vas.new_slots(1, start=start)
    (slot,) = await _free(vas, start)
    answers = await asyncio.gather(
        *(
            _answer(vas, "MakeBooking", m.make_booking(_for(slot, personnummer().replace("-", "")), TOLVAN))
            for _ in range(5)
        )
    )
    results = [m.read_result(a, "MakeBooking") for a in answers]
    assert sorted(r.code for r in results) == ["ERROR"] * 4 + ["OK"]
    assert all(r.text and r.text.startswith("REQUESTED_TIME_IS_ALREADY_RESERVED") for r in results if r.code == "ERROR")


async def test_a_repeated_make_booking_books_again_as_a_real_producer_would(vas: Vas) -> None:
    """No de-duplication by a reference the contract lacks: the consumer must look before retrying."""
    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=3)
    await vas.new_slots(2, start=start)
    first, second = await _free(vas, start)
    subject = personnummer().replace("-", "")
    one = m.read_result(await _answer(vas, "MakeBooking", m.make_booking(_for(first, subject), TOLVAN)), "MakeBooking")
    two = m.read_result(await _answer(vas, "MakeBooking", m.make_booking(_for(second, subject), TOLVAN)), "MakeBooking")
    assert one.code == two.code == "OK" and one.booking_id != two.booking_id
    schedule = await _answer(vas, "GetSubjectOfCareSchedule", m.get_subject_of_care_schedule(vas.clinic, subject))
    assert len(m.read_timeslots(schedule, "GetSubjectOfCareSchedule")) == 2


async def test_what_the_schemas_refuse_is_a_client_fault(vas: Vas) -> None:
    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=3)
    await vas.new_slots(1, start=start)
    (slot,) = await _free(vas, start)
    nameless = m.make_booking(_for(slot, "191212121212"), TOLVAN)
    info = nameless.find("{urn:riv:crm:scheduling:MakeBookingResponder:1}subject_of_care_info")
    assert info is not None
    for name in info.findall("{urn:riv:crm:scheduling:1.1}firstName"):
        info.remove(name)
    response, parsed = await _call(vas, "MakeBooking", nameless)
    assert response.status_code == 500 and isinstance(parsed, soap.Fault), response.text
    assert parsed.code == "soap:Client" and "firstName" in parsed.message
    _, no_actor = await _call(vas, "MakeBooking", m.make_booking(_for(slot, "191212121212"), TOLVAN), actor=None)
    assert isinstance(no_actor, soap.Fault) and "Actor" in no_actor.message
    wrong = await vas.http.post("/crm-scheduling/MakeBooking", content=b"<not-soap/>")
    assert wrong.status_code == 500 and isinstance(soap.parse(wrong.content), soap.Fault)
    assert len(await _free(vas, start)) == 1, "nothing was booked"


async def test_fault_modes_reach_the_responders_as_soap_faults(vas: Vas) -> None:
    await vas.http.post("/admin/faults", json={"mode": "down"})
    response, parsed = await _call(vas, "GetAllTimeTypes", m.get_all_time_types(vas.clinic, "191212121212"))
    assert response.status_code == 503 and response.headers["retry-after"] == "1"
    assert isinstance(parsed, soap.Fault) and parsed.code == "soap:Server"
    await vas.http.post("/admin/faults", json={"mode": "throttle", "retry_after_s": 7})
    response, parsed = await _call(vas, "GetAllTimeTypes", m.get_all_time_types(vas.clinic, "191212121212"))
    assert (response.status_code, response.headers["retry-after"]) == (429, "7")

    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=3)
    await vas.http.delete("/admin/faults")
    await vas.new_slots(1, start=start)
    (slot,) = await _free(vas, start)
    subject = personnummer().replace("-", "")
    await vas.http.post("/admin/faults", json={"mode": "apply_then_timeout"})
    response, parsed = await _call(vas, "MakeBooking", m.make_booking(_for(slot, subject), TOLVAN))
    assert response.status_code == 504 and isinstance(parsed, soap.Fault)
    await vas.http.delete("/admin/faults")
    schedule = await _answer(vas, "GetSubjectOfCareSchedule", m.get_subject_of_care_schedule(vas.clinic, subject))
    assert len(m.read_timeslots(schedule, "GetSubjectOfCareSchedule")) == 1, "applied although the answer was lost"


async def test_time_types_and_facilities(vas: Vas) -> None:
    await vas.new_slots(1)
    kinds = m.read_time_types(await _answer(vas, "GetAllTimeTypes", m.get_all_time_types(vas.clinic, "191212121212")))
    assert [k.id for k in kinds] == ["nurse-visit"]
    facilities = m.read_facilities(
        await _answer(vas, "GetAllHealthcareFacilities", m.get_all_healthcare_facilities(vas.clinic, "191212121212"))
    )
    assert vas.clinic in {f.hsa_id for f in facilities}
