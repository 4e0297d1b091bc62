"""The simulator as a crm:scheduling 1.1 producer: one SOAP endpoint per responder,
`POST /crm-scheduling/<Operation>`, over the same schedule as the JSON API.

It behaves like a real producer where that matters for exactly-once: MakeBooking carries no caller
reference, so a repeated MakeBooking books again (the producer assigns `bookingId`); a request the
schemas refuse, or one without the RIV-TA headers, is a SOAP fault (`soap:Client`), as a producer
on the national platform answers; names are mandatory in MakeBooking (the schema says so). A
logical refusal is `resultCode` ERROR with its text, which starts with the v2.0 code (e.g.
`REQUESTED_TIME_IS_ALREADY_RESERVED: ...`). The JSON API's fault modes act here too (faults.py).
"""

from datetime import datetime, time, timedelta

from fastapi import APIRouter, Request, Response
from lxml import etree
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_simulator import errors, schedule
from services.vas_simulator.schemas import Appointment, MakeAppointment
from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from shared.crm_scheduling.contract import OPERATIONS, Operation, operation_of, problems
from shared.identity import InvalidPersonnummer, normalize

# SOAP, described by the contract's schemas (shared/crm_scheduling/schemas), not by OpenAPI.
router = APIRouter(prefix="/crm-scheduling", include_in_schema=False)
SUBJECT_TEXT = {"subject_of_care": "patient", "subject_of_care_agent": "clinic"}


class _ClientFault(Exception):
    """The request is wrong: answered as a soap:Client fault."""


def client_fault(message: str) -> Response:
    return Response(soap.fault("soap:Client", message), status_code=500, media_type=soap.CONTENT_TYPE)


def server_fault(message: str, status: int = 500, headers: dict[str, str] | None = None) -> Response:
    return Response(
        soap.fault("soap:Server", message), status_code=status, media_type=soap.CONTENT_TYPE, headers=headers
    )


@router.post("/{operation}", summary="A crm:scheduling 1.1 responder (SOAP 1.1, RIV-TA basic profile 2.1)")
async def responder(operation: str, request: Request) -> Response:
    if operation not in OPERATIONS:
        return client_fault(f"no responder {operation[:60]!r}")
    try:
        envelope = _envelope(await request.body(), operation)
        answer = await _answer(request.app.state.engine, envelope, operation)
    except _ClientFault as exc:
        return client_fault(str(exc))
    return Response(soap.answer(answer), media_type=soap.CONTENT_TYPE)


def _envelope(raw: bytes, operation: Operation) -> soap.Envelope:
    try:
        parsed = soap.parse(raw)
    except soap.SoapError as exc:
        raise _ClientFault(str(exc)) from None
    if isinstance(parsed, soap.Fault):
        raise _ClientFault("a request cannot be a fault")
    if operation_of(parsed.body) != (operation, False):
        raise _ClientFault(f"the body is not a {operation} request")
    if not parsed.logical_address:
        raise _ClientFault("the LogicalAddress header is missing")
    if parsed.actor is None:
        raise _ClientFault("the Actor header is missing")
    found = problems(parsed.body)
    if found:
        raise _ClientFault(f"invalid {operation}: {found[0]}")
    return parsed


async def _answer(engine: AsyncEngine, envelope: soap.Envelope, operation: Operation) -> etree._Element:
    asked = m.read_request(envelope.body, operation)
    actor = envelope.actor
    assert actor is not None
    if operation == "GetAllHealthcareFacilities":
        return m.facilities_answer(m.Facility(hsa_id) for hsa_id in await schedule.clinics(engine))
    if operation == "GetAllTimeTypes":
        kinds = await schedule.time_types(engine, clinic=asked.healthcare_facility)
        return m.time_types_answer(m.TimeType(id=k["code"], name=k["code"]) for k in kinds)
    if operation == "GetAvailableTimeslots":
        return m.timeslots_answer("GetAvailableTimeslots", await _free(engine, asked))
    if operation == "GetSubjectOfCareSchedule":
        found = await schedule.find_appointments(
            engine, subject=_subject(asked.subject_of_care), clinic=asked.healthcare_facility
        )
        return m.timeslots_answer("GetSubjectOfCareSchedule", (_booking(a) for a in found if a.status == "booked"))
    if operation == "GetBookingDetails":
        try:
            found_one = await schedule.get_appointment(engine, asked.booking_id or "")
        except errors.VasError as exc:
            raise _ClientFault(f"{exc.result_code}: {exc.message}") from None
        return m.timeslots_answer("GetBookingDetails", [_booking(found_one)])
    return m.result_answer(operation, await _change(engine, asked, by=SUBJECT_TEXT[actor.actor_type], actor=actor))


async def _free(engine: AsyncEngine, asked: m.Request) -> list[m.Timeslot]:
    if asked.start_date is None or asked.end_date is None or not asked.healthcare_facility:
        raise _ClientFault("GetAvailableTimeslots needs healthcare_facility and both dates")
    start = datetime.combine(asked.start_date, time(0), tzinfo=m.SWEDEN)
    end = datetime.combine(asked.end_date + timedelta(days=1), time(0), tzinfo=m.SWEDEN)
    free = await schedule.free_timeslots(engine, clinic=asked.healthcare_facility, start=start, end=end, limit=5000)
    return [
        m.Timeslot(
            healthcare_facility=slot.clinic_hsa_id,
            start=slot.start,
            end=slot.end,
            performer=slot.practitioner_id,
            time_type_id=slot.time_type_code,
            time_type_name=slot.time_type_code,
        )
        for slot in free
        if asked.time_type_id in (None, slot.time_type_code)
        and (not asked.performers or slot.practitioner_id in asked.performers)
    ]


async def _change(engine: AsyncEngine, asked: m.Request, *, by: str, actor: soap.Actor) -> m.Result:
    try:
        if asked.operation == "MakeBooking":
            slot = await _slot(engine, asked)
            made, _ = await schedule.make_appointment(
                engine,
                MakeAppointment(
                    timeslot_id=slot,
                    subject=_subject(asked.timeslot.subject_of_care if asked.timeslot else None),
                    reference=None,  # the contract carries none: a repeat books again
                    channel="web" if actor.actor_type == "subject_of_care" else "phone",
                ),
            )
            return m.Result("OK", booking_id=made.id)
        if asked.operation == "UpdateBooking":
            booking_id = asked.timeslot.booking_id if asked.timeslot else None
            if not booking_id:
                raise _ClientFault("UpdateBooking names no bookingId in requestedTimeslot")
            await schedule.update_appointment(engine, booking_id, await _slot(engine, asked))
            return m.Result("OK")
        await schedule.cancel_appointment(
            engine, asked.booking_id or "", reason=asked.message, by="clinic" if by == "clinic" else "patient"
        )
        return m.Result("OK")
    except errors.VasError as exc:
        return m.Result("ERROR", f"{exc.result_code}: {exc.message}")


async def _slot(engine: AsyncEngine, asked: m.Request) -> str:
    wanted = asked.timeslot
    if wanted is None or wanted.start is None:
        raise _ClientFault("requestedTimeslot names no startTimeInclusive")
    found = await schedule.timeslot_at(
        engine,
        clinic=wanted.healthcare_facility,
        start=wanted.start,
        time_type_code=wanted.time_type_id,
        practitioner_id=wanted.performer,
    )
    if found is None:
        raise errors.no_longer_available()
    return found.id


def _subject(value: str | None) -> str:
    try:
        return normalize(value or "")
    except InvalidPersonnummer:
        raise _ClientFault("subject_of_care is not a valid personnummer") from None


def _booking(appointment: Appointment) -> m.Timeslot:
    return m.Timeslot(
        healthcare_facility=appointment.clinic_hsa_id,
        start=appointment.start,
        end=appointment.end,
        booking_id=appointment.id,
        subject_of_care=appointment.subject.replace("-", ""),
        time_type_id=appointment.time_type_code,
        time_type_name=appointment.time_type_code,
        cancel_booking_allowed=True,
        rebooking_allowed=True,
        message_allowed=True,
    )
