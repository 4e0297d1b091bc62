"""`GET /`: a plain HTML login page for demos, where a developer types a personnummer and gets a token."""

import json
from html import escape
from urllib.parse import parse_qs

import jwt
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from services.idp.keys import SigningKey
from services.idp.problems import INVALID_PERSONNUMMER, MESSAGES
from services.idp.settings import IdpSettings
from services.idp.token_request import ResidentTokenRequest
from services.idp.tokens import mint

DEMO_PERSONNUMMER = "19121212-1212"
_MAX_FORM_BYTES = 4096

_PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Tidbok - utvecklingsinloggning / development login</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }}
.en {{ color: #555; font-style: italic; }}
textarea, pre {{ width: 100%; font-family: monospace; font-size: 0.85rem; }}
.error {{ color: #a00; }}
</style>
</head>
<body>
<h1>Tidbok - logga in (utveckling) <span class="en">/ log in (development)</span></h1>
<p>Ersätter 1177/BankID under utveckling. Alla kan logga in som vem som helst: aldrig i produktion.
<span class="en">Stands in for the 1177/BankID login in development. Anyone can log in as anyone:
never in production.</span></p>
{error}
<form method="post" action="/login">
<p><label>Personnummer eller samordningsnummer <span class="en">/ personal identity number</span><br>
<input name="personnummer" value="{default}" autocomplete="off" required></label></p>
<p><label>Förnamn (valfritt) <span class="en">/ given name (optional)</span><br>
<input name="given_name" value="Tolvan" autocomplete="off"></label></p>
<p><label>Efternamn (valfritt) <span class="en">/ family name (optional)</span><br>
<input name="family_name" value="Tolvansson" autocomplete="off"></label></p>
<p><button type="submit">Logga in <span class="en">/ Log in</span></button></p>
</form>
{result}
<p class="en">Staff tokens / personaltoken: <code>POST /token</code> with
<code>{{"hsa_id": "SE2321000115-E123", "roles": ["booking_staff"], "clinics": ["SE2321000115-O1234"]}}</code>.</p>
</body>
</html>
"""

_RESULT = """<h2>Token</h2>
<p>Giltig i {expires_in} sekunder. <span class="en">Valid for {expires_in} seconds.</span></p>
<textarea rows="8" readonly>{token}</textarea>
<h2>Innehåll <span class="en">/ claims</span></h2>
<pre>{claims}</pre>
<p class="en">curl -H "Authorization: Bearer $TOKEN" …</p>
"""


def login_page_router(*, settings: IdpSettings, key: SigningKey) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def page() -> HTMLResponse:
        return _render()

    # POST, so the personnummer never travels in a URL (and so never into access logs).
    @router.post("/login")
    async def login(request: Request) -> HTMLResponse:
        form = await _read_form(request)
        try:
            resident = ResidentTokenRequest.model_validate(
                {
                    "personnummer": form.get("personnummer", ""),
                    "given_name": form.get("given_name") or None,
                    "family_name": form.get("family_name") or None,
                }
            )
        except ValidationError:
            english, swedish = MESSAGES[INVALID_PERSONNUMMER]
            error = f'<p class="error">{escape(swedish)} <span class="en">{escape(english)}</span></p>'
            return _render(error=error, status_code=422)
        minted = mint(resident, key=key, settings=settings)
        claims = jwt.decode(minted.access_token, options={"verify_signature": False})
        result = _RESULT.format(
            expires_in=minted.expires_in,
            token=escape(minted.access_token),
            claims=escape(json.dumps(claims, indent=2, ensure_ascii=False)),
        )
        return _render(result=result)

    return router


async def _read_form(request: Request) -> dict[str, str]:
    # python-multipart is not a dependency; two urlencoded fields do not need it.
    body = await request.body()
    try:
        fields = parse_qs(body[:_MAX_FORM_BYTES].decode("utf-8", errors="replace"), max_num_fields=10)
    except ValueError:  # too many fields: not our form
        return {}
    return {name: values[0].strip() for name, values in fields.items() if values}


def _render(*, error: str = "", result: str = "", status_code: int = 200) -> HTMLResponse:
    html = _PAGE.format(default=escape(DEMO_PERSONNUMMER), error=error, result=result)
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})
