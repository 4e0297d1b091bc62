"""Free times, and the short hold that keeps one while the resident reads the conditions (usecases/slots.py)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from services.booking.api import refusals, views
from services.booking.api.answers import HoldAnswer, SlotPage
from services.booking.api.deps import AppDep
from services.booking.api.schemas import HoldRequest
from services.booking.usecases import slots
from shared.web.json_answer import JsonAnswer
from shared.web.paging import CursorQuery, FromQuery, ToQuery, decode_cursor, window
from shared.web.principals import CallerDep, ResidentDep

router = APIRouter(prefix="/v1/slots", tags=["slots"])


@router.get(
    "",
    response_model=SlotPage,
    responses=refusals.SEARCH,
    summary="Bookable times: only what the caller could book right now",
    description=(
        "Anyone may list; what is listed follows who asks. Without a login or as a resident: the web's "
        "rules (web booking open at the clinic and for the time type, no closure in force, past the time "
        "type's booking deadline, not held by someone else; hidden time types only with `guide_ticket` "
        "(the guide's ticket for this resident) or `invitation_code`; a resident's own holds count as "
        "free and times that overlap their appointments are left out). Staff who book by phone: the "
        "phone line's rules, at their own clinics. Times are Europe/Stockholm local time with offset."
    ),
)
async def search(
    app: AppDep,
    who: CallerDep,
    clinic: Annotated[str | None, Query(max_length=64)] = None,
    time_type: Annotated[str | None, Query(max_length=64)] = None,
    start_from: FromQuery = None,
    start_to: ToQuery = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    guide_ticket: Annotated[str | None, Query(max_length=200)] = None,
    invitation_code: Annotated[str | None, Query(max_length=32)] = None,
) -> JSONResponse:
    viewer = slots.viewer(app, who, time_type=time_type, guide_ticket=guide_ticket, invitation_code=invitation_code)
    low, high = window(app.clock.now(), start_from, start_to)
    rows = await slots.search(
        app,
        viewer,
        clinic=clinic,
        time_type=time_type,
        start_from=low,
        start_to=high,
        after=decode_cursor(cursor),
        limit=limit + 1,
    )
    # Rendered once, as JSON already in the answer's shape: the response model documents it and
    # is not checked again per request (a rush is mostly searches).
    return JsonAnswer(views.slot_page(rows, limit))


@router.post(
    "/{slot_id}/hold",
    response_model=HoldAnswer,
    responses=refusals.HOLD,
    summary="Hold a time for a few minutes while you confirm the conditions",
)
async def hold(slot_id: str, me: ResidentDep, app: AppDep, body: HoldRequest | None = None) -> dict[str, Any]:
    until = await slots.hold(
        app,
        me.personnummer,
        slot_id,
        guide_ticket=body.guide_ticket if body else None,
        invitation_code=body.invitation_code if body else None,
    )
    return {"slot_id": slot_id, "held_until": views.local(until)}
