"""The resident's appointments: book, see all, cancel, reschedule."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse

from services.booking.api import refusals, views
from services.booking.api.answers import AppointmentAnswer, AppointmentPage, SlotPage
from services.booking.api.deps import AppDep
from services.booking.api.headers import IDEMPOTENCY_KEY, PREFER, prefer_wait, request_hash, require_key
from services.booking.api.schemas import BookingRequest, CancelRequest, RescheduleRequest
from services.booking.usecases import resident, slots
from services.booking.usecases.commands import Book, Cancel, Reschedule, Who
from services.booking.usecases.place import place, with_wait
from shared.auth import Resident
from shared.contracts.common import Actor, Channel
from shared.web.json_answer import JsonAnswer
from shared.web.paging import CursorQuery, FromQuery, ToQuery, decode_cursor, decode_position, page, window
from shared.web.principals import ResidentDep

router = APIRouter(prefix="/v1/appointments", tags=["appointments"])


def _citizen_on_web(me: Resident) -> Who:
    return Who(actor=Actor.CITIZEN, channel=Channel.WEB, given_name=me.given_name, family_name=me.family_name)


def _answer(status: int, body: dict[str, Any], waited: bool, wait_s: float | None) -> JSONResponse:
    headers = {"Location": f"/v1/appointments/{body['id']}"}
    if waited and wait_s is not None:
        headers["Preference-Applied"] = f"wait={wait_s:g}"
    return JsonAnswer(body, status_code=status, headers=headers)


@router.post(
    "",
    status_code=201,
    response_model=AppointmentAnswer,
    responses=refusals.BOOK,
    summary="Book a time (the appointment starts as `pending`)",
)
async def create(
    body: BookingRequest,
    me: ResidentDep,
    app: AppDep,
    idempotency_key: Annotated[str | None, Header(description=IDEMPOTENCY_KEY)] = None,
    prefer: Annotated[str | None, Header(description=PREFER)] = None,
) -> JSONResponse:
    app.limiter.check(me.personnummer)
    key = require_key(idempotency_key)
    fingerprint = request_hash("book", body)
    appointment_id = uuid.uuid4()
    command = Book(
        subject=me.personnummer,
        slot_id=body.slot_id,
        confirmed_conditions=frozenset(body.confirmed_conditions),
        who=_citizen_on_web(me),
        reason=body.reason,
        invitation_code=body.invitation_code,
        guide_ticket=body.guide_ticket,
        appointment_id=appointment_id,
        self_declared_group=body.self_declared_group,
    )
    wait_s = prefer_wait(prefer, app.settings.max_wait_s)
    status, answer, waited = await with_wait(
        app,
        appointment_id,
        wait_s,
        lambda: place(app, command, owner=me.personnummer, key=key, fingerprint=fingerprint, render=views.appointment),
        views.appointment,
    )
    return _answer(status, answer, waited, wait_s)


@router.get(
    "",
    response_model=AppointmentPage,
    responses=refusals.MINE,
    summary="All my appointments, including ones made by phone or by the clinic in VAS",
)
async def list_mine(
    me: ResidentDep, app: AppDep, cursor: CursorQuery = None, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> dict[str, Any]:
    after = decode_position(cursor, uuid.UUID)
    rows = await resident.appointments(app, me.personnummer, after=after, limit=limit + 1)
    shown, following = page(rows, limit, lambda r: (r.start_at, r.id))
    return {"items": [views.appointment(r) for r in shown], "next": following}


@router.get("/{appointment_id}", response_model=AppointmentAnswer, responses=refusals.ONE)
async def get_one(appointment_id: uuid.UUID, me: ResidentDep, app: AppDep) -> dict[str, Any]:
    return views.appointment(await resident.appointment(app, appointment_id, me.personnummer))


@router.post("/{appointment_id}/cancel", response_model=AppointmentAnswer, responses=refusals.CANCEL)
async def cancel_mine(
    appointment_id: uuid.UUID,
    me: ResidentDep,
    app: AppDep,
    body: CancelRequest | None = None,
    prefer: Annotated[str | None, Header(description=PREFER)] = None,
) -> JSONResponse:
    # Cancelling and moving are braked like booking: each one is work in VAS too.
    app.limiter.check(f"change:{me.personnummer}")
    command = Cancel(
        subject=me.personnummer,
        appointment_id=appointment_id,
        who=_citizen_on_web(me),
        reason=body.reason if body else None,
    )

    async def change() -> tuple[int, dict[str, Any]]:
        return 200, views.appointment(await resident.cancel_one(app, command))

    wait_s = prefer_wait(prefer, app.settings.max_wait_s)
    status, answer, waited = await with_wait(app, appointment_id, wait_s, change, views.appointment)
    return _answer(status, answer, waited, wait_s)


@router.post("/{appointment_id}/reschedule", response_model=AppointmentAnswer, responses=refusals.RESCHEDULE)
async def reschedule_mine(
    appointment_id: uuid.UUID,
    body: RescheduleRequest,
    me: ResidentDep,
    app: AppDep,
    prefer: Annotated[str | None, Header(description=PREFER)] = None,
) -> JSONResponse:
    app.limiter.check(f"change:{me.personnummer}")
    command = Reschedule(
        subject=me.personnummer,
        appointment_id=appointment_id,
        new_slot_id=body.slot_id,
        who=_citizen_on_web(me),
        confirmed_conditions=frozenset(body.confirmed_conditions),
        reason=body.reason,
    )

    async def change() -> tuple[int, dict[str, Any]]:
        return 200, views.appointment(await resident.reschedule_one(app, command, subject=me.personnummer))

    wait_s = prefer_wait(prefer, app.settings.max_wait_s)
    status, answer, waited = await with_wait(app, appointment_id, wait_s, change, views.appointment)
    return _answer(status, answer, waited, wait_s)


@router.get(
    "/{appointment_id}/reschedule-targets",
    response_model=SlotPage,
    responses=refusals.RESCHEDULE_TARGETS,
    summary="The times this appointment could move to right now (same clinic and time type)",
)
async def reschedule_targets(
    appointment_id: uuid.UUID,
    me: ResidentDep,
    app: AppDep,
    start_from: FromQuery = None,
    start_to: ToQuery = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    low, high = window(app.clock.now(), start_from, start_to)
    rows = await slots.reschedule_targets(
        app,
        me.personnummer,
        appointment_id,
        start_from=low,
        start_to=high,
        after=decode_cursor(cursor),
        limit=limit + 1,
    )
    return views.slot_page(rows, limit)
