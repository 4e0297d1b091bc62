"""`GET /`: a page listing the SMS "sent", newest first (Swedish with English)."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape

from services.sms_gateway.settings import SmsGatewaySettings
from services.sms_gateway.store import Store

router = APIRouter(include_in_schema=False)

_PAGE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string("""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{{ refresh }}">
<title>SMS-gateway (stand-in)</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.en{color:#666;font-size:.9em}</style>
</head><body>
<p class="en">DEMO — SMS-gateway som ersätter en riktig sms-leverantör / stand-in for a real SMS provider</p>
<h1>Skickade sms <span class="en">/ SMS sent</span> ({{ total }})</h1>
<p>Fel som simuleras <span class="en">/ simulated faults</span>:
{{ faults.fail_next }} nästa, andel {{ faults.rate }}</p>
<table><tr><th>Skickat <span class="en">sent</span></th><th>Till <span class="en">to</span></th>
<th>Från <span class="en">from</span></th><th>Text</th><th>Id</th></tr>
{% for m in items %}<tr><td>{{ m.sent_at }}</td><td>{{ m.to }}</td><td>{{ m.sender }}</td><td>{{ m.text }}</td>
<td>{{ m.id }}</td></tr>
{% else %}<tr><td colspan="5">Inga sms ännu <span class="en">/ none yet</span></td></tr>{% endfor %}
</table></body></html>""")


@router.get("/", response_class=HTMLResponse)
async def page(request: Request) -> HTMLResponse:
    store: Store = request.app.state.store
    settings: SmsGatewaySettings = request.app.state.settings
    items = list(reversed(store.messages.values()))[:500]
    html = _PAGE.render(items=items, total=len(store.messages), faults=store.faults, refresh=settings.page_refresh_s)
    return HTMLResponse(html)
