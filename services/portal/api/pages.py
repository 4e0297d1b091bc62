"""The portal's pages: server-rendered, each a plain form or link (keyboard and screen-reader
friendly), with a little script of our own only to follow a booking from `pending` to `booked`.
The resident's token lives in an HttpOnly cookie; the personnummer is never shown or put in a URL."""

import re
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import httpx
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from services.portal.adapters.booking_api import BookingApi, Refused, Unreachable
from services.portal.api.texts import REFUSALS, UI, name_of, refusal_text, t, why_not_eligible
from shared.auth import Resident, TokenVerifier
from shared.identity import InvalidPersonnummer, birth_date, normalize
from shared.problems import Problem
from shared.web.gate import session_token

router = APIRouter(include_in_schema=False)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
MAX_FORM_BYTES = 8192
CODE = re.compile(r"^[A-Za-z0-9-]{1,64}$")
# The README's demo residents (their personnummer never reach the page: chosen by number).
DEMO_RESIDENTS = (
    ("19121212-1212", "Tolvan Tolvansson"),
    ("19400315-2388", "Astrid Andersson"),
    ("19680422-3920", "Karin Karlsson"),
    ("19550610-1475", "Per Persson"),
    ("19900101-2732", "Sara Svensson"),
)
WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def lang_of(request: Request) -> str:
    return "en" if request.cookies.get("lang") == "en" else "sv"


def _age(personnummer: str, today: date) -> int:
    born = birth_date(personnummer)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Session:
    def __init__(self, token: str, resident: Resident) -> None:
        self.token = token
        self.resident = resident

    @property
    def name(self) -> str:
        names = [self.resident.given_name, self.resident.family_name]
        return " ".join(n for n in names if n) or ""

    @property
    def age(self) -> int:
        return _age(self.resident.personnummer, datetime.now(STOCKHOLM).date())


async def session(request: Request) -> Session | None:
    token = session_token(request.headers.get("cookie", ""), request.app.state.session_cookie)
    if not token:
        return None
    verifier: TokenVerifier = request.app.state.verifier
    try:
        return Session(token, await verifier.resident(token))
    except Problem:
        return None


SessionDep = Annotated[Session | None, Depends(session)]


def _api(request: Request) -> BookingApi:
    api: BookingApi = request.app.state.booking
    return api


def page(request: Request, template: str, who: Session | None, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    html = _templates.get_template(template).render(
        **context, lang=lang, ui={k: v[lang] for k, v in UI.items()}, who=who, path=request.url.path
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _problem_page(request: Request, who: Session | None, refusal: Refused | Unreachable, back: str) -> HTMLResponse:
    lang = lang_of(request)
    lines: list[str] = []
    if isinstance(refusal, Refused):
        text, status = refusal_text(refusal.code, lang, refusal.detail_sv, refusal.detail_en), refusal.status
        extra = refusal.extra
        if refusal.code == "NOT_ELIGIBLE":
            lines = why_not_eligible(extra, lang)
    else:
        text, status, extra = t("unreachable", lang), 503, {}
    return page(request, "problem.html", who, status=status, text=text, lines=lines, back=back, extra=extra)


async def _type_names(api: BookingApi, clinics: set[str], lang: str) -> dict[tuple[str, str], str]:
    names = {}
    for clinic in sorted(clinics):
        for kind in await api.time_types(clinic):
            names[(clinic, kind["code"])] = name_of(kind, lang)
    return names


def _week(free: list[dict[str, Any]], monday: date, lang: str) -> list[dict[str, Any]]:
    """Monday to Sunday, each day with its free times in Swedish time."""
    days: dict[str, dict[str, Any]] = {}
    for offset in range(7):
        day = monday + timedelta(days=offset)
        days[day.isoformat()] = {"label": f"{WEEKDAYS[lang][day.weekday()]} {day.day}/{day.month}", "times": []}
    for slot in free:
        when = _when(slot["start"], lang)
        if when["date"] in days:
            days[when["date"]]["times"].append({"id": slot["id"], "time": when["time"]})
    return list(days.values())


def _conditions(kind: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    return [{"id": c["id"], "text": c.get(f"text_{lang}") or c.get("text")} for c in kind.get("conditions", [])]


def _monday(week: date | None) -> tuple[date, date]:
    today = datetime.now(STOCKHOLM).date()
    chosen = week or today
    return chosen - timedelta(days=chosen.weekday()), today


def _login_first() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: SessionDep) -> Response:
    return RedirectResponse("/appointments" if who else "/login", status_code=303)


@router.get("/lang/{lang}")
async def switch_language(lang: str, back: Annotated[str, Query(max_length=200)] = "/") -> Response:
    # Only a path of our own (not "//host" or "/\\host", which browsers take for another site).
    own = back.startswith("/") and not back.startswith(("//", "/\\")) and "\\" not in back
    answer = RedirectResponse(back if own else "/", status_code=303)
    answer.set_cookie("lang", "en" if lang == "en" else "sv", samesite="lax", max_age=365 * 24 * 3600)
    return answer


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, who: SessionDep) -> Response:
    return page(request, "login.html", who, residents=DEMO_RESIDENTS, error=None)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    lang = lang_of(request)
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return page(request, "login.html", None, status=403, residents=DEMO_RESIDENTS, error=t("unreachable", lang))
    raw = await request.body()
    form = {k: v[0] for k, v in parse_qs(raw[:MAX_FORM_BYTES].decode("utf-8", "replace")).items()}
    chosen = form.get("resident", "")
    names: dict[str, str] = {}
    if chosen.isdigit() and int(chosen) < len(DEMO_RESIDENTS):
        personnummer, full = DEMO_RESIDENTS[int(chosen)]
        given, _, family = full.partition(" ")
        names = {"given_name": given, "family_name": family}
    else:
        personnummer = form.get("personnummer", "").strip()
    url = request.app.state.development_login_url
    try:
        personnummer = normalize(personnummer)
    except InvalidPersonnummer:
        error = "Det är inte ett giltigt personnummer." if lang == "sv" else "That is not a valid personal number."
        return page(request, "login.html", None, status=422, residents=DEMO_RESIDENTS, error=error)
    token = await _development_token(url, personnummer, names) if url else None
    if not token:
        return page(request, "login.html", None, status=503, residents=DEMO_RESIDENTS, error=t("unreachable", lang))
    answer = RedirectResponse("/appointments", status_code=303)
    answer.set_cookie(
        request.app.state.session_cookie,
        token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.secure_cookie,
        path="/",
    )
    return answer


async def _development_token(url: str, personnummer: str, names: dict[str, str]) -> str | None:
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            answer = await http.post(url, json={"personnummer": personnummer, **names})
        return str(answer.json()["access_token"]) if answer.status_code == 200 else None
    except (httpx.HTTPError, ValueError, KeyError):
        return None


@router.post("/logout")
async def logout(request: Request) -> Response:
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(request.app.state.session_cookie, path="/")
    return answer


def _when(start: str, lang: str) -> dict[str, str]:
    moment = datetime.fromisoformat(start).astimezone(STOCKHOLM)
    return {
        "day": f"{WEEKDAYS[lang][moment.weekday()]} {moment.day}/{moment.month}",
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
    }


@router.get("/appointments", response_class=HTMLResponse)
async def mine(request: Request, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    api, lang = _api(request), lang_of(request)
    try:
        items = await api.appointments(who.token)
        clinics = {c["hsa_id"]: c for c in await api.clinics()}
        kinds = await _type_names(api, {a["clinic"] for a in items}, lang)
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, "/")
    now = datetime.now(STOCKHOLM)
    shown = []
    for a in sorted(items, key=lambda a: a["start"]):
        clinic = clinics.get(a["clinic"], {})
        shown.append(
            {
                **a,
                **_when(a["start"], lang),
                "clinic_name": clinic.get("name", a["clinic"]),
                "kind": kinds.get((a["clinic"], a["time_type"]), a["time_type"]),
                "coming": datetime.fromisoformat(a["start"]) > now and a["status"] in ("pending", "booked"),
            }
        )
    coming = [a for a in shown if a["coming"]]
    earlier = [a for a in shown if not a["coming"]][-10:]
    return page(request, "mine.html", who, coming=coming, earlier=earlier)


@router.get("/appointments/{appointment_id}", response_class=HTMLResponse)
async def one(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    api, lang = _api(request), lang_of(request)
    try:
        found = await api.appointment(who.token, appointment_id)
        clinics = {c["hsa_id"]: c for c in await api.clinics()}
        kinds = await _type_names(api, {found["clinic"]}, lang)
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, "/appointments")
    rejection = None
    if found["status"] == "rejected":
        code = found.get("rejection_code") or ""
        rejection = refusal_text(code, lang, "", "") if code in REFUSALS else t("status_rejected", lang)
    clinic = clinics.get(found["clinic"], {})
    return page(
        request,
        "appointment.html",
        who,
        a={
            **found,
            **_when(found["start"], lang),
            "clinic_name": clinic.get("name", found["clinic"]),
            "kind": kinds.get((found["clinic"], found["time_type"]), found["time_type"]),
        },
        rejection=rejection,
    )


@router.get("/appointments/{appointment_id}/status")
async def status(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    """For the page's script: the status alone (it reloads the page when it changes)."""
    if who is None:
        return Response(status_code=401)
    try:
        found = await _api(request).appointment(who.token, appointment_id)
    except (Refused, Unreachable):
        return Response(status_code=503)
    return Response(found["status"], media_type="text/plain", headers={"Cache-Control": "no-store"})


@router.post("/appointments/{appointment_id}/cancel", response_class=HTMLResponse)
async def cancel(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    try:
        await _api(request).cancel(who.token, appointment_id)
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, "/appointments")
    return RedirectResponse(f"/appointments/{appointment_id}", status_code=303)


@router.get("/book", response_class=HTMLResponse)
async def choose_clinic(request: Request, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    try:
        clinics = await _api(request).clinics()
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, "/appointments")
    by_town: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(clinics, key=lambda c: (c["municipality"], c["name"])):
        if c.get("web_booking_enabled", True):
            by_town.setdefault(c["municipality"], []).append(c)
    return page(request, "clinics.html", who, towns=by_town)


@router.get("/book/{clinic}", response_class=HTMLResponse)
async def choose_type(request: Request, clinic: str, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    if not CODE.match(clinic):
        return RedirectResponse("/book", status_code=303)
    lang = lang_of(request)
    try:
        types = await _api(request).time_types(clinic)
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, "/book")
    shown = [{**tt, "label": name_of(tt, lang)} for tt in types if tt.get("web_bookable") and not tt.get("hidden")]
    return page(request, "types.html", who, clinic=clinic, types=shown)


@router.get("/book/{clinic}/{time_type}", response_class=HTMLResponse)
async def choose_time(
    request: Request,
    clinic: str,
    time_type: str,
    who: SessionDep,
    week: Annotated[date | None, Query()] = None,
) -> Response:
    """The conditions to confirm and a week of free times (Monday to Sunday, Swedish time)."""
    if who is None:
        return _login_first()
    if not (CODE.match(clinic) and CODE.match(time_type)):
        return RedirectResponse("/book", status_code=303)
    api, lang = _api(request), lang_of(request)
    monday, today = _monday(week)
    try:
        types = {tt["code"]: tt for tt in await api.time_types(clinic)}
        kind = types.get(time_type)
        if kind is None:
            return RedirectResponse(f"/book/{clinic}", status_code=303)
        start = max(monday, today).isoformat()
        free = await api.slots(who.token, clinic, time_type, start, limit=200)
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, f"/book/{clinic}")
    return page(
        request,
        "times.html",
        who,
        action="/book",
        clinic=clinic,
        kind={**kind, "label": name_of(kind, lang)},
        conditions=_conditions(kind, lang),
        days=_week(free, monday, lang),
        previous=(monday - timedelta(days=7)).isoformat() if monday > today else None,
        following=(monday + timedelta(days=7)).isoformat(),
        key=str(uuid.uuid4()),  # one booking however often the form is sent
        rebook=None,
    )


@router.post("/book", response_class=HTMLResponse)
async def book(request: Request, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    raw = await request.body()
    form = parse_qs(raw[:MAX_FORM_BYTES].decode("utf-8", "replace"))
    slot = (form.get("slot") or [""])[0]
    clinic = (form.get("clinic") or [""])[0]
    time_type = (form.get("time_type") or [""])[0]
    key = (form.get("key") or [str(uuid.uuid4())])[0]
    code = (form.get("invitation_code") or [""])[0].strip()[:100] or None
    try:
        made = await _api(request).book(
            who.token, slot, form.get("condition", []), key, request.app.state.wait_for_vas_s, invitation_code=code
        )
    except (Refused, Unreachable) as exc:
        back = f"/book/{clinic}/{time_type}" if CODE.match(clinic) and CODE.match(time_type) else "/book"
        return _problem_page(request, who, exc, back)
    return RedirectResponse(f"/appointments/{made['id']}", status_code=303)


@router.get("/appointments/{appointment_id}/rebook", response_class=HTMLResponse)
async def choose_new_time(
    request: Request,
    appointment_id: uuid.UUID,
    who: SessionDep,
    week: Annotated[date | None, Query()] = None,
) -> Response:
    """The times this appointment can move to (same clinic and kind), a week at a time."""
    if who is None:
        return _login_first()
    api, lang = _api(request), lang_of(request)
    monday, today = _monday(week)
    try:
        current = await api.appointment(who.token, appointment_id)
        kind = {tt["code"]: tt for tt in await api.time_types(current["clinic"])}.get(current["time_type"], {})
        free = await api.reschedule_targets(who.token, appointment_id, max(monday, today).isoformat())
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, f"/appointments/{appointment_id}")
    return page(
        request,
        "times.html",
        who,
        action=f"/appointments/{appointment_id}/rebook",
        clinic=current["clinic"],
        kind={**kind, "code": current["time_type"], "label": name_of(kind, lang) or current["time_type"]},
        conditions=_conditions(kind, lang),
        days=_week(free, monday, lang),
        previous=(monday - timedelta(days=7)).isoformat() if monday > today else None,
        following=(monday + timedelta(days=7)).isoformat(),
        key=str(uuid.uuid4()),
        rebook=_when(current["start"], lang),
    )


@router.post("/appointments/{appointment_id}/rebook", response_class=HTMLResponse)
async def rebook(request: Request, appointment_id: uuid.UUID, who: SessionDep) -> Response:
    if who is None:
        return _login_first()
    raw = await request.body()
    form = parse_qs(raw[:MAX_FORM_BYTES].decode("utf-8", "replace"))
    slot = (form.get("slot") or [""])[0]
    try:
        await _api(request).reschedule(who.token, appointment_id, slot, form.get("condition", []))
    except (Refused, Unreachable) as exc:
        return _problem_page(request, who, exc, f"/appointments/{appointment_id}/rebook")
    return RedirectResponse(f"/appointments/{appointment_id}", status_code=303)
