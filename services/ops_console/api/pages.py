"""The console's pages: server-rendered, refreshed in place every few seconds by a little script
of our own (static/console.js: the same URL with `X-Fragment: 1` answers only the content).
Readable on a wall screen: large type, high contrast, colour never the only sign."""

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from services.ops_console.api.session import ROLES, MaybeOperatorDep, Operator
from services.ops_console.api.views import family_view, flow_view
from services.ops_console.usecases.console import Console, InSeveralQueues, NotFound
from shared.auth import TokenVerifier
from shared.problems import Problem
from shared.web.development_login import development_token

router = APIRouter(include_in_schema=False)
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent.parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
# Pages check the login themselves (a browser without one is sent to the login page).
PAGES = ("/", "/queues", "/failed", "/failed/{key}", "/messages/{message_id}", "/services", "/history", "/audit")
MAX_FORM_BYTES = 8192


def sparkline(points: list[tuple[str, float]], width: int = 320, height: int = 60) -> str:
    """SVG polyline points for a small chart (the newest on the right)."""
    if not points:
        return ""
    values = [v for _, v in points]
    top = max(max(values), 1.0)
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - (v / top) * (height - 4) - 2:.1f}" for i, v in enumerate(values))


_templates.globals["sparkline"] = sparkline


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


_templates.filters["duration"] = _duration
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _when(value: object) -> str:
    """A time as staff in the region read it: Swedish local time, to the second."""
    if value is None or value == "":
        return "–"
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")


_templates.filters["when"] = _when
# An id inside a URL path: every character that could change the path encoded ("/", "?", "..").
_templates.filters["part"] = lambda value: quote(str(value), safe="")
MESSAGE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def _page(request: Request, template: str, who: Operator, status: int = 200, **context: Any) -> HTMLResponse:
    fragment = request.headers.get("x-fragment") == "1"
    html = _templates.get_template(template).render(
        **context,
        fragment=fragment,
        who=who.hsa_id,
        path=request.url.path,
        refresh_s=request.app.state.refresh_s,
        now=datetime.now(STOCKHOLM).strftime("%H:%M:%S"),
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _refused(request: Request, refusal: Problem) -> Response:
    if refusal.status == 401 or request.headers.get("x-fragment") == "1":
        if request.headers.get("x-fragment") == "1":
            return Response(status_code=refusal.status)
        return RedirectResponse("/login", status_code=303)
    html = _templates.get_template("refused.html").render()
    return HTMLResponse(html, status_code=refusal.status)


def _console(request: Request) -> Console:
    found: Console = request.app.state.console
    return found


@router.get("/", response_class=HTMLResponse)
async def flow_page(request: Request, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    c = _console(request)
    families = await c.queues()
    services = [s.view() for s in await c.service_views()]
    hops = flow_view(families, services, c.namespace, await c.vas_sync_status(who.token))
    parked = sum(f.parked for f in families)
    stuck = [f.name for f in families if f.stuck]
    return _page(request, "flow.html", who, hops=hops, parked=parked, stuck=stuck, services=services)


@router.get("/queues", response_class=HTMLResponse)
async def queues_page(request: Request, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    families = [family_view(f) for f in await _console(request).queues()]
    return _page(request, "queues.html", who, queues=families)


@router.get("/failed", response_class=HTMLResponse)
async def failed_page(request: Request, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    groups = [g.view() for g in await _console(request).groups()]
    return _page(request, "failed.html", who, groups=groups)


@router.get("/failed/{key}", response_class=HTMLResponse)
async def group_page(request: Request, key: str, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    try:
        group, members = await _console(request).group(key[:32])
    except NotFound:
        return _page(request, "gone.html", who, status=404)
    return _page(request, "group.html", who, group=group.view(), messages=[m.message for m in members])


@router.get("/messages/{message_id}", response_class=HTMLResponse)
async def message_page(
    request: Request, message_id: str, who: MaybeOperatorDep, consumer: str | None = None
) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    try:
        if not MESSAGE_ID.match(message_id) or (consumer is not None and not MESSAGE_ID.match(consumer)):
            raise NotFound(message_id)
        message = await _console(request).message(message_id, consumer)
    except (NotFound, InSeveralQueues):  # the group pages link each copy with its consumer
        return _page(request, "gone.html", who, status=404)
    return _page(request, "message.html", who, message=message)


@router.get("/services", response_class=HTMLResponse)
async def services_page(request: Request, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    c = _console(request)
    return _page(
        request,
        "services.html",
        who,
        services=[s.view() for s in await c.service_views()],
        vas=await c.vas_sync_status(who.token),
        notifications=await c.notifications_failed(who.token),
        today=date.today().isoformat(),
    )


@router.get("/history", response_class=HTMLResponse)
async def history_page(request: Request, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    series = await _console(request).store.history(request.app.state.history_span)
    return _page(request, "history.html", who, series=sorted(series.items()))


@router.get("/audit", response_class=HTMLResponse)
async def audit_page(request: Request, who: MaybeOperatorDep) -> Response:
    if isinstance(who, Problem):
        return _refused(request, who)
    return _page(request, "audit.html", who, actions=await _console(request).store.audited())


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request) -> HTMLResponse:
    return _login(request)


def _login(request: Request, error: str = "", status: int = 200) -> HTMLResponse:
    html = _templates.get_template("login.html").render(
        development=bool(request.app.state.development_login_url), error=error
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """A pasted access token from the IdP, or (development) the development IdP's token for the
    HSA-id given. Either way the token is verified and must carry the operations role."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return _login(request, "Inloggning från en annan webbplats nekas. / A login from another site is refused.", 403)
    raw = await request.body()
    form = {k: v[0] for k, v in parse_qs(raw[:MAX_FORM_BYTES].decode("utf-8", "replace")).items()}
    token = form.get("token", "").strip()
    dev_url = request.app.state.development_login_url
    if not token and dev_url and form.get("hsa_id"):
        claims = {"hsa_id": form["hsa_id"].strip()[:64], "roles": ["operations"], "clinics": []}
        token = await development_token(dev_url, claims) or ""
    if not token:
        return _login(request, "Inloggningen misslyckades. / The login failed.", 401)
    verifier: TokenVerifier = request.app.state.verifier
    try:
        staff = await verifier.staff(token)
    except Problem:
        return _login(request, "Ogiltig inloggning. / Not a valid login.", 401)
    if not staff.roles & ROLES:
        return _login(request, "Rollen operations krävs. / The operations role is needed.", 403)
    answer = RedirectResponse("/", status_code=303)
    answer.set_cookie(
        request.app.state.session_cookie,
        token,
        httponly=True,
        samesite="strict",
        secure=request.app.state.secure_cookie,
        path="/",
    )
    return answer


@router.post("/logout")
async def logout(request: Request) -> Response:
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(request.app.state.session_cookie, path="/")
    return answer
