"""`GET /messages` (JSON, newest first), `DELETE /messages`, and `GET /`: a page of caught mail."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape

from services.mail_catcher.settings import MailCatcherSettings
from services.mail_catcher.store import MailStore

router = APIRouter()

_PAGE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string("""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{{ refresh }}">
<title>E-postfångare (stand-in)</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.en{color:#666;font-size:.9em}pre{white-space:pre-wrap;margin:0}</style>
</head><body>
<p class="en">DEMO — fångar all e-post lokalt, inget skickas vidare / catches all mail locally, nothing is delivered</p>
<h1>Fångad e-post <span class="en">/ caught mail</span> ({{ total }})</h1>
<table><tr><th>Mottaget <span class="en">received</span></th><th>Till <span class="en">to</span></th>
<th>Ämne <span class="en">subject</span></th><th>Text</th></tr>
{% for m in items %}<tr><td>{{ m.received_at }}</td><td>{{ m.to | join(", ") }}</td><td>{{ m.subject }}</td>
<td><pre>{{ m.text }}</pre></td></tr>
{% else %}<tr><td colspan="4">Ingen e-post ännu <span class="en">/ none yet</span></td></tr>{% endfor %}
</table></body></html>""")


def _store(request: Request) -> MailStore:
    store: MailStore = request.app.state.store
    return store


@router.get("/messages")
async def messages(
    request: Request, to: str | None = None, limit: Annotated[int, Query(ge=1, le=100_000)] = 1000
) -> dict[str, Any]:
    found = [m.view() for m in reversed(_store(request).mails.values()) if to is None or to in m.to]
    return {"items": found[:limit], "total": len(found), "duplicates": _store(request).duplicates}


@router.delete("/messages", status_code=204)
async def clear(request: Request) -> None:
    _store(request).clear()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def page(request: Request) -> HTMLResponse:
    store = _store(request)
    settings: MailCatcherSettings = request.app.state.settings
    items = list(reversed(store.mails.values()))[:500]
    return HTMLResponse(_PAGE.render(items=items, total=len(store.mails), refresh=settings.page_refresh_s))
