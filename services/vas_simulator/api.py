"""The JSON API: timeslots, appointments (Make/Update/Cancel/Get), the change feed and faults."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_simulator import schedule
from services.vas_simulator.faults import FaultStore
from services.vas_simulator.schemas import (
    Appointment,
    CancelAppointment,
    Faults,
    MakeAppointment,
    SearchAppointments,
    Timeslot,
    TimeslotIn,
    UpdateAppointment,
    items,
)
from shared.bounds import BIGINT_MAX, Moment

router = APIRouter()

Id = Annotated[str, Query(min_length=1, max_length=200)]


def _engine(request: Request) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.engine
    return engine


def _faults(request: Request) -> FaultStore:
    store: FaultStore = request.app.state.faults
    return store


@router.get("/api/timeslots")
async def list_timeslots(
    request: Request,
    clinic: Annotated[str | None, Query(max_length=64)] = None,
    start: Annotated[Moment | None, Query(alias="from")] = None,
    end: Annotated[Moment | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> dict[str, list[Timeslot]]:
    return items(await schedule.free_timeslots(_engine(request), clinic=clinic, start=start, end=end, limit=limit))


@router.get("/api/timetypes")
async def list_time_types(
    request: Request, clinic: Annotated[str | None, Query(max_length=64)] = None
) -> dict[str, list[dict[str, Any]]]:
    return items(await schedule.time_types(_engine(request), clinic=clinic))


@router.post("/api/timeslots", status_code=201)
async def publish_timeslots(request: Request, body: list[TimeslotIn]) -> dict[str, list[Timeslot]]:
    return items(await schedule.publish_timeslots(_engine(request), body))


@router.post("/api/timeslots/{timeslot_id}/withdraw")
async def withdraw_timeslot(request: Request, timeslot_id: str) -> Timeslot:
    return await schedule.withdraw_timeslot(_engine(request), timeslot_id)


@router.post("/api/appointments", status_code=201)
async def make_appointment(request: Request, response: Response, body: MakeAppointment) -> Appointment:
    appointment, created = await schedule.make_appointment(_engine(request), body)
    if not created:
        response.status_code = 200
    return appointment


@router.get("/api/appointments")
async def appointments_by_reference(request: Request, reference: Id) -> dict[str, list[Appointment]]:
    return items(await schedule.find_appointments(_engine(request), reference=reference))


@router.post("/api/appointments/search")
async def appointments_of_subject(request: Request, body: SearchAppointments) -> dict[str, list[Appointment]]:
    """GetAppointments per person (the personnummer travels in the body, never in the URL), or a
    clinic's appointments that start between `from` and `to`."""
    found = await schedule.find_appointments(
        _engine(request), subject=body.subject, clinic=body.clinic_hsa_id, start=body.start, end=body.end
    )
    return items(found)


@router.get("/api/appointments/{appointment_id}")
async def get_appointment(request: Request, appointment_id: str) -> Appointment:
    return await schedule.get_appointment(_engine(request), appointment_id)


@router.post("/api/appointments/{appointment_id}/update")
async def update_appointment(request: Request, appointment_id: str, body: UpdateAppointment) -> Appointment:
    return await schedule.update_appointment(_engine(request), appointment_id, body.timeslot_id)


@router.post("/api/appointments/{appointment_id}/cancel")
async def cancel_appointment(
    request: Request, appointment_id: str, body: CancelAppointment | None = None
) -> Appointment:
    body = body or CancelAppointment()
    return await schedule.cancel_appointment(_engine(request), appointment_id, reason=body.reason, by=body.by)


@router.get("/changes")
async def changes(
    request: Request,
    after: Annotated[int, Query(ge=0, le=BIGINT_MAX)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    found = await schedule.changes_after(_engine(request), after, limit)
    return {"items": found, "next_after": found[-1]["seq"] if found else after}


@router.get("/admin/faults")
async def get_faults(request: Request) -> Faults:
    return await _faults(request).get()


@router.post("/admin/faults")
async def set_faults(request: Request, body: Faults) -> Faults:
    return await _faults(request).set(body)


@router.delete("/admin/faults")
async def clear_faults(request: Request) -> Faults:
    return await _faults(request).set(Faults())
