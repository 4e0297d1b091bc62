"""The staff entry: phone booking on a resident's behalf (booking_staff), through the same public
booking API, with the control questions recorded. The personnummer is typed into a form and sent
in the body; on screen afterwards it is masked."""

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.portal.adapters.http_api import Refused, Unreachable
from services.portal.api.account import same_site
from services.portal.api.common import (
    CODE,
    STAFF_COOKIE,
    StaffDep,
    booking_api,
    first,
    lang_of,
    monday_of,
    page,
    problem_page,
    read_form,
    week_context,
    when,
)
from services.portal.api.texts import name_of, t
from shared.identity import InvalidPersonnummer, mask, normalize
from shared.web.development_login import development_token

router = APIRouter(include_in_schema=False)
DEMO_STAFF = "SE2321000115-E9001"
ROLES = ("booking_staff",)


@router.get("/staff/login", response_class=HTMLResponse)
async def login_page(request: Request) -> Response:
    try:
        clinics = await booking_api(request).clinics()
    except (Refused, Unreachable) as exc:
        return problem_page(request, None, exc, "/login")
    return page(request, "staff_login.html", None, clinics=clinics, hsa_id=DEMO_STAFF, error=None)


@router.post("/staff/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    lang = lang_of(request)
    form = await read_form(request)
    hsa_id, clinic = first(form, "hsa_id").strip()[:64], first(form, "clinic")[:64]
    url = request.app.state.development_login_url
    token = None
    if same_site(request) and url and CODE.match(clinic):
        token = await development_token(url, {"hsa_id": hsa_id, "roles": list(ROLES), "clinics": [clinic]})
    if not token:
        try:
            clinics = await booking_api(request).clinics()
        except (Refused, Unreachable):
            clinics = []
        error = t("staff_login_failed", lang) if same_site(request) else t("other_site", lang)
        return page(request, "staff_login.html", None, status=401, clinics=clinics, hsa_id=hsa_id, error=error)
    answer = RedirectResponse("/staff", status_code=303)
    answer.set_cookie(
        STAFF_COOKIE, token, httponly=True, samesite="strict", secure=request.app.state.secure_cookie, path="/staff"
    )
    return answer


@router.post("/staff/logout")
async def logout() -> Response:
    answer = RedirectResponse("/staff/login", status_code=303)
    answer.delete_cookie(STAFF_COOKIE, path="/staff")
    return answer


@router.get("/staff", response_class=HTMLResponse)
async def phone_booking(
    request: Request,
    staff: StaffDep,
    time_type: Annotated[str | None, Query(max_length=64)] = None,
    week: Annotated[date | None, Query()] = None,
) -> Response:
    """The clinic's free times as the phone line sees them: a kind of time, then a week."""
    if staff is None:
        return RedirectResponse("/staff/login", status_code=303)
    api, lang = booking_api(request), lang_of(request)
    monday, today = monday_of(week)
    try:
        clinic = await api.call("GET", f"/v1/clinics/{staff.clinic}")
        coming = await api.items(
            "/v1/slots", staff.token, clinic=staff.clinic, limit=500, **{"from": today.isoformat()}
        )
        codes = sorted({s["time_type"] for s in coming})
        kinds = {code: await api.time_type(code) for code in codes}
        chosen = time_type if time_type in kinds else (codes[0] if codes else None)
        free: list[dict[str, Any]] = []
        if chosen:
            start = max(monday, today).isoformat()
            free = await api.slots(staff.token, staff.clinic, chosen, start, limit=300)
    except (Refused, Unreachable) as exc:
        return problem_page(request, None, exc, "/staff/login")
    return page(
        request,
        "staff.html",
        None,
        staff=staff,
        clinic=clinic,
        kinds=[{"code": c, "label": name_of(k, lang), "restricted": k.get("restricted")} for c, k in kinds.items()],
        chosen=chosen,
        kind=kinds.get(chosen or ""),
        error=None,
        **week_context(free, monday, today, lang, asked=week, staff=True),
    )


@router.post("/staff/book", response_class=HTMLResponse)
async def book(request: Request, staff: StaffDep) -> Response:
    if staff is None:
        return RedirectResponse("/staff/login", status_code=303)
    lang = lang_of(request)
    form = await read_form(request)
    back = f"/staff?time_type={first(form, 'time_type')}" if CODE.match(first(form, "time_type")) else "/staff"
    try:
        personnummer = normalize(first(form, "personnummer").strip())
    except InvalidPersonnummer:
        return page(request, "problem.html", None, status=422, text=t("bad_pnr", lang), lines=[], back=back, extra={})
    body = {
        "personnummer": personnummer,
        "slot_id": first(form, "slot"),
        "control_questions_answered": first(form, "control_questions") == "on",
        "reason": first(form, "reason").strip()[:500] or None,
        "invitation_code": first(form, "invitation_code").strip()[:100] or None,
        "given_name": first(form, "given_name").strip()[:100] or None,
        "family_name": first(form, "family_name").strip()[:100] or None,
    }
    try:
        made = await booking_api(request).phone_booking(staff.token, body, first(form, "key") or str(uuid.uuid4()))
    except (Refused, Unreachable) as exc:
        return problem_page(request, None, exc, back)
    shown = {**made, **when(made["start"], lang), "who": mask(personnummer)}
    return page(request, "staff_done.html", None, staff=staff, a=shown, back=back)
