"""Clinics, time types and the booking guide. Catalogue reads are public; the guide's result
is personal (its ticket unlocks hidden time types for this person only)."""

from typing import Any

from fastapi import APIRouter, Request

from services.booking.api import refusals, views
from services.booking.api.answers import (
    ClinicAnswer,
    ClinicPage,
    GuideAnswer,
    GuideResultAnswer,
    TimeTypeAnswer,
    TimeTypePage,
    WebBookingClosedPage,
)
from services.booking.api.deps import AppDep, LangDep
from services.booking.domain import guide_tickets
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.guide import Guide
from services.booking.usecases import catalogue, staff
from shared.web.principals import ResidentDep

router = APIRouter(prefix="/v1", tags=["catalogue"])


@router.get("/clinics", response_model=ClinicPage, summary="Every clinic; any resident may book at any clinic")
async def clinics(app: AppDep) -> dict[str, Any]:
    return {"items": [views.clinic(row) for row in await catalogue.clinics(app.engine)], "next": None}


@router.get("/clinics/{hsa_id}", response_model=ClinicAnswer, responses=refusals.CLINIC, summary="One clinic")
async def clinic(hsa_id: str, app: AppDep) -> dict[str, Any]:
    return views.clinic(await catalogue.clinic(app.engine, hsa_id))


@router.get(
    "/clinics/{hsa_id}/time-types",
    response_model=TimeTypePage,
    responses=refusals.CLINIC,
    summary="What can be booked on the web at a clinic (hidden types excluded)",
)
async def clinic_time_types(hsa_id: str, app: AppDep, lang: LangDep) -> dict[str, Any]:
    found = await catalogue.offered_on_the_web(app.engine, hsa_id)
    return {"items": [views.time_type(r, found.conditions_of(r.code), lang) for r in found.rows], "next": None}


@router.get(
    "/time-types/{code}",
    response_model=TimeTypeAnswer,
    responses=refusals.TIME_TYPE,
    summary="One time type with its conditions and information texts",
)
async def time_type(code: str, app: AppDep, lang: LangDep) -> dict[str, Any]:
    found = await catalogue.time_type(app.engine, code)
    return views.time_type(found.rows[0], found.conditions_of(code), lang)


@router.get(
    "/web-booking-closures",
    response_model=WebBookingClosedPage,
    summary="Where web booking is closed now, with the region's message and phone number",
    description="Public, like the notice on the region's web page: the whole region (no clinic and no "
    "time type), one clinic, or one time type. Who closed it is for staff only (`/v1/staff/closures`).",
)
async def web_booking_closures(app: AppDep) -> dict[str, Any]:
    rows = await staff.closures_in_force(app)
    return {"items": [views.closure(r) for r in rows], "next": None}


def _guide(request: Request) -> Guide:
    guide: Guide = request.app.state.guide
    return guide


@router.get("/guide", response_model=GuideAnswer, summary="The booking guide: what do you need help with?")
async def guide(request: Request, lang: LangDep) -> dict[str, Any]:
    g = _guide(request)
    return {
        "intro": views.pick(lang, g.intro_sv, g.intro_en),
        "items": [{"id": n.id, "label": views.pick(lang, n.label_sv, n.label_en)} for n in g.needs],
        "next": None,
    }


@router.get(
    "/guide/{need_id}",
    response_model=GuideResultAnswer,
    responses=refusals.GUIDE_NEED,
    summary="The guide's result for a need: the right time type, or whom to call",
)
async def guide_result(need_id: str, request: Request, me: ResidentDep, app: AppDep, lang: LangDep) -> dict[str, Any]:
    need = _guide(request).need(need_id)
    if need is None:
        raise BookingError(BookingCode.GUIDE_NEED_DOES_NOT_EXIST)
    result: dict[str, Any] = {
        "id": need.id,
        "advice": views.pick(lang, need.advice_sv, need.advice_en),
        "call": need.call,
        "time_types": [],
    }
    if need.time_types:
        found = await catalogue.time_types(app.engine, codes=list(need.time_types))
        rows = {r.code: r for r in found.rows}
        for code in need.time_types:
            if code in rows:
                view = views.time_type(rows[code], found.conditions_of(code), lang)
                view["guide_ticket"] = guide_tickets.issue(
                    secret=app.settings.guide_secret, subject=me.personnummer, time_type_code=code
                )
                result["time_types"].append(view)
    return result
