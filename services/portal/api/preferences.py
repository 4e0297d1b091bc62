"""Reminders and contact preferences: phone, e-mail, consent per channel and language, kept by
the notifications service (its public API, with the resident's own token)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.portal.adapters.http_api import Refused, Unreachable
from services.portal.api.common import (
    SessionDep,
    first,
    lang_of,
    login_first,
    notifications_api,
    page,
    problem_page,
    read_form,
)
from services.portal.api.texts import refusal_text

router = APIRouter(include_in_schema=False)


def _from_form(form: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "phone": first(form, "phone").strip()[:40] or None,
        "email": first(form, "email").strip()[:254] or None,
        "language": "en" if first(form, "language") == "en" else "sv",
        "consent": {"sms": first(form, "sms") == "on", "email": first(form, "email_consent") == "on"},
    }


@router.get("/preferences", response_class=HTMLResponse)
async def preferences(request: Request, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    try:
        found = await notifications_api(request).preferences(who.token)
    except (Refused, Unreachable) as exc:
        return problem_page(request, who, exc, "/appointments")
    return page(request, "preferences.html", who, prefs=found, error=None, saved=request.query_params.get("saved"))


@router.post("/preferences", response_class=HTMLResponse)
async def save(request: Request, who: SessionDep) -> Response:
    if who is None:
        return login_first()
    wanted = _from_form(await read_form(request))
    try:
        found = await notifications_api(request).save_preferences(who.token, wanted)
    except Refused as exc:
        error = refusal_text(exc.code, lang_of(request), exc.detail_sv, exc.detail_en)
        return page(request, "preferences.html", who, status=exc.status, prefs=wanted, error=error, saved=None)
    except Unreachable as exc:
        return problem_page(request, who, exc, "/preferences")
    return page(request, "preferences.html", who, prefs=found, error=None, saved="1")
