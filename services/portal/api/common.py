"""What every page shares: the language, the resident's session (an HttpOnly cookie holding their
token, verified on each request), rendering, the refusal page and the week of times."""

import re
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from services.portal.adapters.booking_api import BookingApi
from services.portal.adapters.http_api import Refused, Unreachable
from services.portal.adapters.notifications_api import NotificationsApi
from services.portal.api.texts import UI, refusal_text, t, why_not_eligible
from shared.auth import Resident, Staff, TokenVerifier
from shared.identity import birth_date
from shared.problems import Problem
from shared.web.gate import session_token

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MAX_FORM_BYTES = 8192
CODE = re.compile(r"\A[A-Za-z0-9-]{1,64}\Z")  # a clinic's HSA-id, a time type, a guide need
STAFF_COOKIE = "tidbok_portal_staff"
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def lang_of(request: Request) -> str:
    return "en" if request.cookies.get("lang") == "en" else "sv"


def age_of(personnummer: str, today: date) -> int:
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
        return age_of(self.resident.personnummer, datetime.now(STOCKHOLM).date())


class StaffSession:
    def __init__(self, token: str, member: Staff) -> None:
        self.token = token
        self.member = member

    @property
    def clinic(self) -> str:
        return sorted(self.member.clinics)[0] if self.member.clinics else ""


async def session(request: Request) -> Session | None:
    token = session_token(request.headers.get("cookie", ""), request.app.state.session_cookie)
    if not token:
        return None
    verifier: TokenVerifier = request.app.state.verifier
    try:
        return Session(token, await verifier.resident(token))
    except Problem:
        return None


async def staff_session(request: Request) -> StaffSession | None:
    token = session_token(request.headers.get("cookie", ""), STAFF_COOKIE)
    if not token:
        return None
    verifier: TokenVerifier = request.app.state.verifier
    try:
        return StaffSession(token, await verifier.staff(token))
    except Problem:
        return None


SessionDep = Annotated[Session | None, Depends(session)]
StaffDep = Annotated[StaffSession | None, Depends(staff_session)]


def booking_api(request: Request) -> BookingApi:
    api: BookingApi = request.app.state.booking
    return api


def notifications_api(request: Request) -> NotificationsApi:
    api: NotificationsApi = request.app.state.notifications
    return api


async def read_form(request: Request) -> dict[str, list[str]]:
    raw = await request.body()
    return parse_qs(raw[:MAX_FORM_BYTES].decode("utf-8", "replace"))


def first(form: dict[str, list[str]], name: str, default: str = "") -> str:
    return (form.get(name) or [default])[0]


def page(request: Request, template: str, who: Any, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    html = _templates.get_template(template).render(
        **context, lang=lang, ui={k: v[lang] for k, v in UI.items()}, who=who, path=request.url.path
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def problem_page(request: Request, who: Any, refusal: Refused | Unreachable, back: str) -> HTMLResponse:
    """A refusal in plain words with the next step (never the raw code)."""
    lang = lang_of(request)
    lines: list[str] = []
    if isinstance(refusal, Refused):
        text, status = (
            refusal_text(refusal.code, lang, refusal.detail_sv, refusal.detail_en, refusal.extra),
            refusal.status,
        )
        extra = refusal.extra
        if refusal.code == "NOT_ELIGIBLE":
            lines = why_not_eligible(extra, lang)
    else:
        text, status, extra = t("unreachable", lang), 503, {}
    return page(request, "problem.html", who, status=status, text=text, lines=lines, back=back, extra=extra)


def login_first(path: str = "/login") -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def when(start: str, lang: str) -> dict[str, str]:
    moment = datetime.fromisoformat(start).astimezone(STOCKHOLM)
    return {
        "day": f"{WEEKDAYS[lang][moment.weekday()]} {moment.day}/{moment.month}",
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
    }


def week(free: list[dict[str, Any]], monday: date, lang: str, *, staff: bool = False) -> list[dict[str, Any]]:
    """Monday to Sunday, each day with its free times in Swedish time. A resident sees a time once
    however many practitioners are free then (the first is booked); staff see each with whom."""
    days: dict[str, dict[str, Any]] = {}
    for offset in range(7):
        day = monday + timedelta(days=offset)
        days[day.isoformat()] = {"label": f"{WEEKDAYS[lang][day.weekday()]} {day.day}/{day.month}", "times": []}
    for slot in free:
        moment = when(slot["start"], lang)
        times = days.get(moment["date"], {}).get("times")
        if times is None or (not staff and times and times[-1]["time"] == moment["time"]):
            continue
        label = f"{moment['time']} · {slot.get('practitioner_id') or ''}" if staff else moment["time"]
        times.append({"id": slot["id"], "time": label})
    return list(days.values())


def monday_of(chosen: date | None) -> tuple[date, date]:
    today = datetime.now(STOCKHOLM).date()
    day = chosen or today
    return day - timedelta(days=day.weekday()), today


def week_context(
    free: list[dict[str, Any]], monday: date, today: date, lang: str, *, asked: date | None, staff: bool = False
) -> dict[str, Any]:
    """The week to show with its free times (`free` in start order, from `monday` or today on).
    Without a week `asked` for: this week, unless it has no free time left and a later one has —
    then the week of the first free time, so nobody pages through empty weeks to find one (on a
    Friday afternoon this week is often empty)."""
    if asked is None and free:
        first = datetime.fromisoformat(free[0]["start"]).astimezone(STOCKHOLM).date()
        monday = max(monday, first - timedelta(days=first.weekday()))
    return {
        "days": week(free, monday, lang, staff=staff),
        "previous": (monday - timedelta(days=7)).isoformat() if monday > today else None,
        "following": (monday + timedelta(days=7)).isoformat(),
        "key": str(uuid.uuid4()),  # one booking however often the form is sent
    }


def conditions_of(kind: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    return [{"id": c["id"], "text": c.get(f"text_{lang}") or c.get("text")} for c in kind.get("conditions", [])]
