"""Booking, guided like 1177: a need → the guide's time type (its ticket opens hidden ones) → a
clinic (the resident's own municipality first, with each clinic's first free time) → the
conditions and a week of free times → confirm. Or straight to a clinic and what it offers."""

import asyncio
import uuid
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.portal.adapters.booking_api import BookingApi
from services.portal.adapters.http_api import Refused, Unreachable
from services.portal.api.common import (
    CODE,
    STOCKHOLM,
    Session,
    SessionDep,
    booking_api,
    conditions_of,
    first,
    lang_of,
    login_first,
    monday_of,
    page,
    problem_page,
    read_form,
    week_context,
    when,
)
from services.portal.api.texts import name_of, role_of

router = APIRouter(include_in_schema=False)
TownQuery = Annotated[str | None, Query(alias="kommun", max_length=64)]
TicketQuery = Annotated[str | None, Query(max_length=200)]
MUNICIPALITY_COOKIE = "kommun"


def closure_for(closures: list[dict[str, Any]], clinic: str | None, code: str | None) -> dict[str, Any] | None:
    """The closure in force that covers this clinic and time type (the whole region covers all)."""
    for c in closures:
        if c["clinic_hsa_id"] in (None, clinic) and c["time_type_code"] in (None, code):
            return c
    return None


def region_closure(closures: list[dict[str, Any]]) -> dict[str, Any] | None:
    return closure_for(closures, None, None)


async def own_municipality(request: Request, api: BookingApi, who: Session, clinics: list[dict[str, Any]]) -> str:
    """Chosen on the page (remembered), else the municipality of the resident's latest clinic."""
    chosen = request.query_params.get("kommun") or request.cookies.get(MUNICIPALITY_COOKIE) or ""
    towns = {c["municipality"] for c in clinics}
    if chosen in towns:
        return chosen
    by_id = {c["hsa_id"]: c["municipality"] for c in clinics}
    mine = sorted(await api.appointments(who.token), key=lambda a: a["start"])
    return next((by_id[a["clinic"]] for a in reversed(mine) if a["clinic"] in by_id), "")


def by_town(clinics: list[dict[str, Any]], own: str) -> dict[str, list[dict[str, Any]]]:
    towns: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(clinics, key=lambda c: (c["municipality"] != own, c["municipality"], c["name"])):
        towns.setdefault(c["municipality"], []).append(c)
    return towns


def remembered(answer: Response, request: Request, own: str) -> Response:
    if request.query_params.get("kommun") == own and own:
        answer.set_cookie(MUNICIPALITY_COOKIE, own, samesite="lax", max_age=365 * 24 * 3600)
    return answer


@router.get("/book", response_class=HTMLResponse)
async def guide(request: Request, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    api, lang = booking_api(request), lang_of(request)
    try:
        found = await api.guide(lang)
        closure = region_closure(await api.closures())
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/appointments")
    return page(request, "guide.html", who, intro=found["intro"], needs=found["items"], closure=closure)


@router.get("/book/need/{need}", response_class=HTMLResponse)
async def guide_result(request: Request, need: str, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    if not CODE.match(need):
        return RedirectResponse("/book", status_code=303)
    lang = lang_of(request)
    try:
        found = await booking_api(request).guide_result(who.token, need, lang)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/book")
    kinds = [{**k, "label": name_of(k, lang), "role_label": role_of(k.get("role"), lang)} for k in found["time_types"]]
    return page(request, "need.html", who, advice=found["advice"], call=found["call"], kinds=kinds)


async def _first_free(
    api: BookingApi, who: Session, clinics: list[dict[str, Any]], code: str, ticket: str | None
) -> dict[str, str | None]:
    """Each clinic's first free time of this kind (at most a few calls at once)."""
    gate = asyncio.Semaphore(6)
    today = datetime.now(STOCKHOLM).date().isoformat()

    async def one(clinic: str) -> tuple[str, str | None]:
        async with gate:
            try:
                found = await api.slots(who.token, clinic, code, today, limit=1, ticket=ticket)
            except (Refused, Unreachable):  # that clinic shows no time; the others still do
                return clinic, None
        return clinic, found[0]["start"] if found else None

    return dict(await asyncio.gather(*(one(c["hsa_id"]) for c in clinics if c["web_booking_enabled"])))


@router.get("/book/type/{code}", response_class=HTMLResponse)
async def clinics_for(
    request: Request, code: str, who: SessionDep, ticket: TicketQuery = None, _town: TownQuery = None
) -> Response:
    """Every clinic in the region for this kind of time, the resident's municipality first."""
    if who is None:
        return login_first()
    if not CODE.match(code):
        return RedirectResponse("/book", status_code=303)
    api, lang = booking_api(request), lang_of(request)
    try:
        kind = await api.time_type(code)
        clinics = await api.clinics()
        own = await own_municipality(request, api, who, clinics)
        free = await _first_free(api, who, clinics, code, ticket)
        closure = closure_for(await api.closures(), None, code)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/book")
    for c in clinics:
        start = free.get(c["hsa_id"])
        c["first_free"] = when(start, lang) if start else None
    shown = [c for c in clinics if c["first_free"] or not c["web_booking_enabled"]]
    answer = page(
        request,
        "clinics.html",
        who,
        towns=by_town(shown, own),
        own=own,
        all_towns=sorted({c["municipality"] for c in clinics}),
        kind={**kind, "label": name_of(kind, lang)},
        ticket=ticket,
        closure=closure,
    )
    return remembered(answer, request, own)


@router.get("/book/clinics", response_class=HTMLResponse)
async def choose_clinic(request: Request, who: SessionDep, _town: TownQuery = None) -> Response:
    if who is None:
        return login_first()
    api = booking_api(request)
    try:
        clinics = await api.clinics()
        own = await own_municipality(request, api, who, clinics)
        closure = region_closure(await api.closures())
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/book")
    answer = page(
        request,
        "clinics.html",
        who,
        towns=by_town(clinics, own),
        own=own,
        all_towns=sorted({c["municipality"] for c in clinics}),
        kind=None,
        ticket=None,
        closure=closure,
    )
    return remembered(answer, request, own)


@router.get("/book/{clinic}", response_class=HTMLResponse)
async def choose_type(request: Request, clinic: str, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    if not CODE.match(clinic):
        return RedirectResponse("/book", status_code=303)
    lang = lang_of(request)
    try:
        types = await booking_api(request).time_types(clinic)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/book/clinics")
    shown = [
        {**tt, "label": name_of(tt, lang), "role_label": role_of(tt.get("role"), lang)}
        for tt in types
        if tt.get("web_bookable") and not tt.get("hidden")
    ]
    return page(request, "types.html", who, clinic=clinic, types=shown)


@router.get("/book/{clinic}/{time_type}", response_class=HTMLResponse)
async def choose_time(
    request: Request,
    clinic: str,
    time_type: str,
    who: SessionDep,
    week: Annotated[date | None, Query()] = None,
    ticket: TicketQuery = None,
) -> Response:
    """The conditions to confirm and a week of free times (Monday to Sunday, Swedish time); or,
    while web booking is closed here, the region's message and whom to call."""
    if who is None:
        return login_first()
    if not (CODE.match(clinic) and CODE.match(time_type)):
        return RedirectResponse("/book", status_code=303)
    api, lang = booking_api(request), lang_of(request)
    monday, today = monday_of(week)
    try:
        kind = await api.time_type(time_type)
        closure = closure_for(await api.closures(), clinic, time_type)
        start = max(monday, today).isoformat()
        free = [] if closure else await api.slots(who.token, clinic, time_type, start, limit=200, ticket=ticket)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, f"/book/{clinic}")
    return page(
        request,
        "times.html",
        who,
        action="/book",
        clinic=clinic,
        kind={**kind, "label": name_of(kind, lang)},
        conditions=conditions_of(kind, lang),
        rebook=None,
        ticket=ticket,
        closure=closure,
        **week_context(free, monday, today, lang, asked=week),
    )


@router.post("/book", response_class=HTMLResponse)
async def book(request: Request, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    form = await read_form(request)
    clinic, time_type = first(form, "clinic"), first(form, "time_type")
    code = first(form, "invitation_code").strip()[:100] or None
    ticket = first(form, "ticket")[:200] or None
    try:
        made = await booking_api(request).book(
            who.token,
            first(form, "slot"),
            form.get("condition", []),
            first(form, "key") or str(uuid.uuid4()),
            request.app.state.wait_for_vas_s,
            invitation_code=code,
            ticket=ticket,
        )
    except (Refused, Unreachable) as exc:
        back = f"/book/{clinic}/{time_type}" if CODE.match(clinic) and CODE.match(time_type) else "/book"
        if ticket and back != "/book":
            back += "?" + urlencode({"ticket": ticket})
        return problem_page(request, who, exc, back)
    return RedirectResponse(f"/appointments/{made['id']}", status_code=303)
