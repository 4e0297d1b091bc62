"""My appointments: every one (made on the web, by phone or by the clinic), one appointment
followed from `pending` to `booked`, cancel, and rebook within the rules."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.portal.adapters.booking_api import BookingApi
from services.portal.adapters.http_api import Refused, Unreachable
from services.portal.api.common import (
    STOCKHOLM,
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
from services.portal.api.texts import REFUSALS, name_of, refusal_text, t

router = APIRouter(include_in_schema=False)


async def type_names(api: BookingApi, codes: set[str], lang: str) -> dict[str, str]:
    names = {}
    for code in sorted(codes):
        try:
            names[code] = name_of(await api.time_type(code), lang)
        except Refused:
            names[code] = code
    return names


@router.get("/appointments", response_class=HTMLResponse)
async def mine(request: Request, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    api, lang = booking_api(request), lang_of(request)
    try:
        items = await api.appointments(who.token)
        clinics = {c["hsa_id"]: c for c in await api.clinics()}
        kinds = await type_names(api, {a["time_type"] for a in items}, lang)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/")
    now = datetime.now(STOCKHOLM)
    shown = []
    for a in sorted(items, key=lambda a: a["start"]):
        clinic = clinics.get(a["clinic"], {})
        shown.append(
            {
                **a,
                **when(a["start"], lang),
                "clinic_name": clinic.get("name", a["clinic"]),
                "kind": kinds.get(a["time_type"], a["time_type"]),
                "coming": datetime.fromisoformat(a["start"]) > now and a["status"] in ("pending", "booked"),
            }
        )
    coming = [a for a in shown if a["coming"]]
    earlier = [a for a in shown if not a["coming"]][-10:]
    return page(request, "mine.html", who, coming=coming, earlier=earlier)


@router.get("/appointments/{appointment_id}", response_class=HTMLResponse)
async def one(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    api, lang = booking_api(request), lang_of(request)
    try:
        found = await api.appointment(who.token, appointment_id)
        clinics = {c["hsa_id"]: c for c in await api.clinics()}
        kinds = await type_names(api, {found["time_type"]}, lang)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/appointments")
    rejection = None
    if found["status"] == "rejected":
        code = found.get("rejection_code") or ""
        rejection = refusal_text(code, lang, "", "") if code in REFUSALS else t("status_rejected_why", lang)
    clinic = clinics.get(found["clinic"], {})
    shown: dict[str, Any] = {
        **found,
        **when(found["start"], lang),
        "clinic_name": clinic.get("name", found["clinic"]),
        "clinic_phone": clinic.get("phone"),
        "address": clinic.get("address"),
        "kind": kinds.get(found["time_type"], found["time_type"]),
    }
    return page(request, "appointment.html", who, a=shown, rejection=rejection)


@router.get("/appointments/{appointment_id}/status")
async def status(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    """For the page's script: the status alone (it reloads the page when it changes)."""
    if who is None:
        return Response(status_code=401)
    try:
        found = await booking_api(request).appointment(who.token, appointment_id)
    except (Refused, Unreachable):
        return Response(status_code=503)
    return Response(found["status"], media_type="text/plain", headers={"Cache-Control": "no-store"})


@router.post("/appointments/{appointment_id}/cancel", response_class=HTMLResponse)
async def cancel(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    try:
        await booking_api(request).cancel(who.token, appointment_id)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/appointments")
    return RedirectResponse(f"/appointments/{appointment_id}", status_code=303)


@router.get("/appointments/{appointment_id}/rebook", response_class=HTMLResponse)
async def choose_new_time(
    request: Request,
    appointment_id: uuid.UUID,
    who: SessionDep,
    week: Annotated[date | None, Query()] = None,
) -> Response:
    """The times this appointment can move to (same clinic and kind), a week at a time."""
    if who is None:
        return login_first()
    api, lang = booking_api(request), lang_of(request)
    monday, today = monday_of(week)
    try:
        current = await api.appointment(who.token, appointment_id)
        kind = await api.time_type(current["time_type"])
        free = await api.reschedule_targets(who.token, appointment_id, max(monday, today).isoformat())
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, f"/appointments/{appointment_id}")
    return page(
        request,
        "times.html",
        who,
        action=f"/appointments/{appointment_id}/rebook",
        clinic=current["clinic"],
        kind={**kind, "label": name_of(kind, lang)},
        conditions=conditions_of(kind, lang),
        rebook=when(current["start"], lang),
        ticket=None,
        closure=None,
        **week_context(free, monday, today, lang, asked=week),
    )


@router.post("/appointments/{appointment_id}/rebook", response_class=HTMLResponse)
async def rebook(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    form = await read_form(request)
    try:
        await booking_api(request).reschedule(who.token, appointment_id, first(form, "slot"), form.get("condition", []))
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, f"/appointments/{appointment_id}/rebook")
    return RedirectResponse(f"/appointments/{appointment_id}", status_code=303)
