"""Every console route refuses anyone without the operations role: the JSON API with problem+json
(401 without a login, 403 with another role), the pages by sending to the login page or saying no;
an action sent with the session cookie needs the console's own header (another site's form
cannot send it)."""

import re

import httpx
from fastapi.routing import APIRoute

from services.ops_console.api import data, pages
from tests.support.idp import staff_headers

CLINIC_STAFF = staff_headers("clinic_staff", clinics=("SE2321000115-O10001",))
OPS = staff_headers("operations")
# Anyone may reach the login, and leave (clearing a cookie harms nobody).
OPEN = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout")}


def _routes() -> list[tuple[str, str]]:
    found = []
    for route in [*pages.router.routes, *data.router.routes]:
        if isinstance(route, APIRoute):
            path = re.sub(r"\{action\}", "retry", route.path)
            path = re.sub(r"\{[^}]+\}", "0123456789abcdef", path)
            found += [(m, path) for m in sorted(route.methods or ()) if (m, route.path) not in OPEN]
    return found


async def test_every_route_refuses_a_login_without_the_operations_role(http: httpx.AsyncClient) -> None:
    routes = _routes()
    assert len(routes) >= 19, routes  # 8 pages, 11 API routes
    for method, path in routes:
        if path in ("/livez", "/readyz", "/metrics", "/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
            continue
        nobody = await http.request(method, path, json={} if method == "POST" else None)
        other = await http.request(method, path, headers=CLINIC_STAFF, json={} if method == "POST" else None)
        page = not path.startswith("/api/") and method == "GET"
        if page:
            assert nobody.status_code == 303 and nobody.headers["location"] == "/login", (
                method,
                path,
                nobody.status_code,
            )
            assert other.status_code == 403 and "operations" in other.text, (method, path, other.status_code)
        else:
            assert nobody.status_code == 401, (method, path, nobody.status_code, nobody.text)
            assert other.status_code == 403, (method, path, other.status_code, other.text)
            assert other.headers["content-type"].startswith("application/problem+json")


async def test_the_login_page_gives_a_session_that_pages_and_actions_accept_only_with_the_header(
    http: httpx.AsyncClient,
) -> None:
    token = OPS["Authorization"].removeprefix("Bearer ")
    login = await http.post(
        "/login", content=f"token={token}", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert login.status_code == 303 and login.headers["location"] == "/"
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    session = {"cookie": cookie.split(";")[0]}
    assert (await http.get("/queues", headers=session)).status_code == 200
    assert (await http.get("/api/failed", headers=session)).status_code == 200
    forged = await http.post("/api/failed/0123456789abcdef/retry", headers=session)
    assert forged.status_code == 403  # a cross-site form would carry the cookie, not the header
    sent = await http.post("/api/failed/0123456789abcdef/retry", headers={**session, "x-tidbok-console": "1"})
    assert sent.status_code == 404  # past the door: there is no such group


async def test_a_login_without_the_role_gets_no_session(http: httpx.AsyncClient) -> None:
    token = CLINIC_STAFF["Authorization"].removeprefix("Bearer ")
    refused = await http.post(
        "/login", content=f"token={token}", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert refused.status_code == 403 and "set-cookie" not in refused.headers
    forged = await http.post(
        "/login", content="token=not.a.token", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert forged.status_code == 401 and "set-cookie" not in forged.headers
