"""Every change comes from the portal's own pages.

The session cookie is SameSite=Lax, and a browser counts every port of the host as the same site:
a page on another port (or another subdomain) could post a form to cancel a resident's booking or
send their reminders elsewhere. A request that changes something (any method but GET, HEAD and
OPTIONS) is served only when the browser says it comes from this very origin — `Sec-Fetch-Site:
same-origin`, or `none` for what the user typed — and, where it names an `Origin`, that origin is
this host. A client that sends neither (a script, a test) is not a browser page of another site.
"""

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from services.portal.api.texts import t

SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def from_our_pages(headers: Headers) -> bool:
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    return origin is None or urlsplit(origin).netloc == headers.get("host", "")


class OwnPagesOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE:
            headers = Headers(scope=scope)
            if not from_our_pages(headers):
                lang = "en" if "lang=en" in headers.get("cookie", "") else "sv"
                text = t("other_site_change", lang)
                page = (
                    f'<!doctype html><html lang="{lang}"><title>403</title><p>{text}</p><p><a href="/">Tidbok</a></p>'
                )
                await HTMLResponse(page, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)
