"""VAS sync's crm:scheduling adapter against the simulator's producer stand-in, over real HTTP:
the port's three outcomes (done, refused, unavailable / outcome unknown) from SOAP answers, faults
and HTTP errors, and finding a booking whose answer was lost without a caller reference."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from fastapi import FastAPI, Response
from lxml import etree

from services.vas_sync.adapters.vas_crm import CrmVas
from services.vas_sync.domain.vas_port import VasOutcomeUnknown, VasRefused, VasUnavailable
from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from tests.support.people import personnummer
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_sync.harness import Sim

PERSON = m.Person(first_name="Tolvan", last_name="Tolvansson")


@pytest_asyncio.fixture
async def crm(sim: Sim) -> AsyncIterator[CrmVas]:
    adapter = CrmVas.at(f"{sim.url}/crm-scheduling", timeout_s=1.0)
    yield adapter
    await adapter.close()


def _resident(subject: str) -> soap.Actor:
    return soap.Actor(actor_id=subject, actor_type="subject_of_care")


async def _free(crm: CrmVas, sim: Sim, subject: str, start: datetime) -> list[m.Timeslot]:
    day = start.astimezone(m.SWEDEN).date()
    return await crm.available(
        sim.clinic, subject, first_day=day, last_day=day + timedelta(days=1), time_type=None, actor=_resident(subject)
    )


def _booking(slot: m.Timeslot, subject: str, booking_id: str | None = None) -> m.Timeslot:
    return m.Timeslot(
        healthcare_facility=slot.healthcare_facility,
        start=slot.start,
        end=slot.end,
        performer=slot.performer,
        time_type_id=slot.time_type_id,
        subject_of_care=subject,
        booking_id=booking_id,
    )


async def test_make_move_cancel_and_the_refusals(crm: CrmVas, sim: Sim) -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=4)
    await sim.new_slots(2, start=start)
    subject, other = personnummer().replace("-", ""), personnummer().replace("-", "")
    first, second = await _free(crm, sim, subject, start)
    me = _resident(subject)

    booking_id = await crm.make(_booking(first, subject), PERSON, actor=me)
    with pytest.raises(VasRefused) as taken:
        await crm.make(_booking(first, other), PERSON, actor=_resident(other))
    assert taken.value.code == "REQUESTED_TIME_IS_ALREADY_RESERVED"

    await crm.move(_booking(second, subject, booking_id), actor=me)
    assert (await crm.details(sim.clinic, booking_id, actor=me)).start == second.start
    await crm.cancel(sim.clinic, booking_id, message=None, actor=me)
    with pytest.raises(VasRefused) as again:
        await crm.cancel(sim.clinic, booking_id, message=None, actor=me)
    assert again.value.code == "APPOINTMENT_IS_ALREADY_CANCELED"
    assert await crm.schedule_of(sim.clinic, subject, actor=me) == []


async def test_a_lost_answer_is_found_by_the_residents_schedule_before_any_retry(crm: CrmVas, sim: Sim) -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=4)
    await sim.new_slots(1, start=start)
    subject = personnummer().replace("-", "")
    (slot,) = await _free(crm, sim, subject, start)
    await sim.faults(mode="apply_then_timeout")
    with pytest.raises(VasOutcomeUnknown):
        await crm.make(_booking(slot, subject), PERSON, actor=_resident(subject))
    await sim.faults()
    (found,) = await crm.find_made(_booking(slot, subject), actor=_resident(subject))
    assert found.booking_id and found.start == slot.start


async def test_down_throttled_and_failing_producers(crm: CrmVas, sim: Sim) -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=4)
    await sim.new_slots(1, start=start)
    subject = personnummer().replace("-", "")
    (slot,) = await _free(crm, sim, subject, start)
    me = _resident(subject)
    await sim.faults(mode="down")
    # A 503 to a change may come from the platform after the producer applied it: look first.
    with pytest.raises(VasOutcomeUnknown) as down:
        await crm.make(_booking(slot, subject), PERSON, actor=me)
    assert down.value.retry_after_s == 1.0
    with pytest.raises(VasUnavailable) as down_read:
        await crm.schedule_of(sim.clinic, subject, actor=me)
    assert not isinstance(down_read.value, VasOutcomeUnknown)
    await sim.faults(mode="throttle", retry_after_s=3)
    with pytest.raises(VasUnavailable) as throttled:
        await crm.schedule_of(sim.clinic, subject, actor=me)
    assert throttled.value.retry_after_s == 3.0
    await sim.faults(mode="error")
    with pytest.raises(VasOutcomeUnknown):
        await crm.make(_booking(slot, subject), PERSON, actor=me)
    with pytest.raises(VasUnavailable):
        await crm.schedule_of(sim.clinic, subject, actor=me)
    await sim.faults()
    assert await crm.schedule_of(sim.clinic, subject, actor=me) == [], "nothing was booked"


async def test_a_request_the_producer_refuses_as_invalid_is_a_refusal(crm: CrmVas, sim: Sim) -> None:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=4)
    await sim.new_slots(1, start=start)
    subject = personnummer().replace("-", "")
    (slot,) = await _free(crm, sim, subject, start)
    plain = personnummer().replace("-", "")
    dashed = f"{plain[:8]}-{plain[8:]}"  # the wire form has no dash: the schemas refuse it
    with pytest.raises(VasRefused) as refused:
        await crm.make(_booking(slot, dashed), PERSON, actor=_resident(subject))
    assert refused.value.code == "INVALID_REQUEST" and "subject_of_care" in refused.value.message


def _producer(answer: bytes, status: int = 200) -> FastAPI:
    app = FastAPI()

    @app.post("/{operation}")
    async def respond(operation: str) -> Response:
        return Response(answer, status_code=status, media_type=soap.CONTENT_TYPE)

    return app


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (
            soap.answer(
                etree.fromstring(
                    b'<r:MakeBookingResponse xmlns:r="urn:riv:crm:scheduling:MakeBookingResponder:1">'
                    b"<r:resultCode>MAYBE</r:resultCode></r:MakeBookingResponse>"
                )
            ),
            "resultCode",
        ),
        (soap.answer(m.result_answer("CancelBooking", m.Result("OK"))), "not a MakeBookingResponse"),
        (b"<html>gateway error</html>", "not a SOAP answer"),
    ],
)
async def test_an_answer_the_schemas_refuse_is_an_unknown_outcome_never_a_success(answer: bytes, why: str) -> None:
    with serve_in_thread(_producer(answer), free_port()) as url:
        crm = CrmVas.at(url, timeout_s=2.0)
        try:
            slot = m.Timeslot(
                healthcare_facility="SE2321000115-O10001",
                start=datetime(2030, 1, 7, 9, tzinfo=m.SWEDEN),
                subject_of_care="191212121212",
            )
            with pytest.raises(VasOutcomeUnknown, match=why):
                await crm.make(slot, PERSON, actor=_resident("191212121212"))
        finally:
            await crm.close()


async def test_answers_that_cannot_be_read_or_name_the_resident() -> None:
    """31 February passes the TS pattern but not the calendar: no answer, not a crash; a producer's
    refusal text that names the resident is kept without the personnummer."""
    impossible = m.timeslots_answer("GetSubjectOfCareSchedule", [])
    detail = etree.SubElement(impossible, "{urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1}timeslotDetail")
    etree.SubElement(detail, "{urn:riv:crm:scheduling:1}startTimeInclusive").text = "20270231090000"
    etree.SubElement(detail, "{urn:riv:crm:scheduling:1}healthcare_facility").text = "SE2321000115-O10001"
    with serve_in_thread(_producer(soap.answer(impossible)), free_port()) as url:
        crm = CrmVas.at(url, timeout_s=2.0)
        try:
            with pytest.raises(VasUnavailable, match="cannot be read"):
                await crm.schedule_of("SE2321000115-O10001", "191212121212", actor=_resident("191212121212"))
        finally:
            await crm.close()
    naming = m.result_answer("CancelBooking", m.Result("ERROR", "Bokningen för 19121212-1212 är redan avbokad"))
    with serve_in_thread(_producer(soap.answer(naming)), free_port()) as url:
        crm = CrmVas.at(url, timeout_s=2.0)
        try:
            with pytest.raises(VasRefused) as refused:
                await crm.cancel("SE2321000115-O10001", "B-1", message=None, actor=_resident("191212121212"))
        finally:
            await crm.close()
    assert refused.value.code == "APPOINTMENT_IS_NOT_ALLOWED"
    assert "1212" not in refused.value.message and "[personnummer]" in refused.value.message


async def test_a_large_answer_is_read_whole_however_it_arrives() -> None:
    """A month of free times is hundreds of kilobytes, which arrive in chunks: all of them count
    (reading only what had arrived broke the answer, and the circuit opened on a healthy VAS)."""
    first = datetime(2030, 1, 7, 8, tzinfo=m.SWEDEN)
    times = [
        m.Timeslot(
            "SE2321000115-O10001",
            start=first + timedelta(minutes=10 * i),
            end=first + timedelta(minutes=10 * i + 10),
            performer="p-1",
            time_type_id="nurse-visit",
        )
        for i in range(3000)
    ]
    answer = soap.answer(m.timeslots_answer("GetAvailableTimeslots", times))
    assert len(answer) > 900_000
    with serve_in_thread(_producer(answer), free_port()) as url:
        crm = CrmVas.at(url, timeout_s=10.0)
        try:
            found = await crm.available(
                "SE2321000115-O10001",
                "191212121212",
                first_day=first.date(),
                last_day=first.date() + timedelta(days=30),
                time_type=None,
                actor=_resident("191212121212"),
            )
        finally:
            await crm.close()
    assert len(found) == 3000


async def test_the_units_a_producer_serves_are_found_by_get_all_healthcare_facilities(crm: CrmVas, sim: Sim) -> None:
    await sim.new_slots(1)
    found = await crm.facilities("SE2321000115-0000", "191212121212", actor=_resident("191212121212"))
    assert sim.clinic.upper() in {f.hsa_id.upper() for f in found}
