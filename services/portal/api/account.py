"""Log in (development IdP), log out, and the language switch."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.portal.api.common import SessionDep, first, lang_of, page, read_form
from services.portal.api.texts import t
from shared.identity import InvalidPersonnummer, normalize
from shared.web.development_login import development_token

router = APIRouter(include_in_schema=False)
# The README's demo residents (their personnummer never reach the page: chosen by number).
DEMO_RESIDENTS = (
    ("19121212-1212", "Tolvan Tolvansson"),
    ("19400315-2388", "Astrid Andersson"),
    ("19680422-3920", "Karin Karlsson"),
    ("19550610-1475", "Per Persson"),
    ("19900101-2732", "Sara Svensson"),
)


def same_site(request: Request) -> bool:
    """A login posted from another site is refused (it would log the visitor in as someone else)."""
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def own_path(back: str) -> str:
    """Only a path of our own (not "//host" or "/\\host", which browsers take for another site)."""
    own = back.startswith("/") and not back.startswith(("//", "/\\")) and "\\" not in back
    return back if own else "/"


@router.get("/", response_class=HTMLResponse)
async def home(who: SessionDep) -> Response:
    return RedirectResponse("/appointments" if who else "/login", status_code=303)


@router.get("/lang/{lang}")
async def switch_language(lang: str, back: Annotated[str, Query(max_length=200)] = "/") -> Response:
    answer = RedirectResponse(own_path(back), status_code=303)
    answer.set_cookie("lang", "en" if lang == "en" else "sv", samesite="lax", max_age=365 * 24 * 3600)
    return answer


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, who: SessionDep) -> Response:
    return page(request, "login.html", who, residents=DEMO_RESIDENTS, error=None)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    lang = lang_of(request)

    def again(status: int, error: str) -> Response:
        return page(request, "login.html", None, status=status, residents=DEMO_RESIDENTS, error=error)

    if not same_site(request):
        return again(403, t("other_site", lang))
    form = await read_form(request)
    chosen = first(form, "resident")
    names: dict[str, str] = {}
    if chosen.isdigit() and int(chosen) < len(DEMO_RESIDENTS):
        personnummer, full = DEMO_RESIDENTS[int(chosen)]
        given, _, family = full.partition(" ")
        names = {"given_name": given, "family_name": family}
    else:
        personnummer = first(form, "personnummer").strip()
    try:
        personnummer = normalize(personnummer)
    except InvalidPersonnummer:
        return again(422, t("bad_pnr", lang))
    url = request.app.state.development_login_url
    token = await development_token(url, {"personnummer": personnummer, **names}) if url else None
    if not token:
        return again(503, t("unreachable", lang))
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


@router.post("/logout")
async def logout(request: Request) -> Response:
    answer = RedirectResponse("/login", status_code=303)
    answer.delete_cookie(request.app.state.session_cookie, path="/")
    return answer
