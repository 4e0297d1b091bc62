"""The portal's small doors: the language switch goes back only to a page of its own, and a login
posted from another site gets no session."""

import httpx
import pytest

from services.portal.api import staff
from services.portal.main import create_app
from services.portal.settings import PortalSettings
from tests.support.idp import the_idp


@pytest.fixture
def portal() -> httpx.AsyncClient:
    app = create_app(PortalSettings(environment="test", development_login_url=None))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://portal")


@pytest.mark.parametrize(
    ("back", "to"),
    [("/book", "/book"), ("//evil.example/x", "/"), ("/\\evil.example", "/"), ("https://evil.example", "/")],
)
async def test_the_language_switch_goes_back_only_to_the_portal(portal: httpx.AsyncClient, back: str, to: str) -> None:
    answer = await portal.get("/lang/en", params={"back": back})
    assert answer.status_code == 303 and answer.headers["location"] == to
    assert "lang=en" in answer.headers["set-cookie"]


async def test_a_login_from_another_site_gets_no_session(portal: httpx.AsyncClient) -> None:
    answer = await portal.post(
        "/login",
        content="resident=0",
        headers={"content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site"},
    )
    assert answer.status_code == 403 and "set-cookie" not in answer.headers


async def test_pages_send_a_stranger_to_the_login(portal: httpx.AsyncClient) -> None:
    paths = ("/appointments", "/book", "/book/SE2321000115-O10001", "/book/need/back-joint-pain", "/preferences")
    for path in (*paths, "/book/type/physio-visit", "/book/clinics", "/appointments/" + "0" * 32 + "/rebook"):
        answer = await portal.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/login", path
    for path in ("/book", "/preferences", "/appointments/" + "0" * 32 + "/cancel"):
        answer = await portal.post(
            path, content="slot=x", headers={"content-type": "application/x-www-form-urlencoded"}
        )
        assert answer.status_code == 303 and answer.headers["location"] == "/login", path


async def test_staff_pages_need_a_staff_login(portal: httpx.AsyncClient) -> None:
    """Nothing reaches the booking API without a staff login."""
    for method, path in (("GET", "/staff"), ("POST", "/staff/book")):
        answer = await portal.request(method, path, content="personnummer=191212121212&slot=x")
        assert answer.status_code == 303 and answer.headers["location"] == "/staff/login", path


async def test_a_residents_token_is_not_a_staff_login() -> None:
    idp = the_idp()
    settings = PortalSettings(
        environment="test", development_login_url=None, jwks_url=idp.jwks_url, token_issuer=idp.settings.issuer
    )
    token = idp.resident_token("191212121212")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)), base_url="http://p") as http:
        answer = await http.get("/staff", headers={"cookie": f"tidbok_portal_staff={token}"})
        assert answer.status_code == 303 and answer.headers["location"] == "/staff/login"
        answer = await http.get("/appointments", headers={"cookie": f"tidbok_portal={token}"})
        assert answer.status_code == 503  # taken as a resident's session (booking is not running here)


@pytest.mark.parametrize(("site", "session"), [("same-origin", True), ("cross-site", False)])
async def test_a_staff_login_from_another_site_gets_no_session(
    monkeypatch: pytest.MonkeyPatch, site: str, session: bool
) -> None:
    async def token(url: str, claims: dict[str, object]) -> str:
        return "a-staff-token"

    monkeypatch.setattr(staff, "development_token", token)
    app = create_app(PortalSettings(environment="test", development_login_url="http://idp.invalid/token"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://p") as http:
        answer = await http.post(
            "/staff/login",
            content="hsa_id=SE2321000115-E9001&clinic=SE2321000115-O10001",
            headers={"content-type": "application/x-www-form-urlencoded", "sec-fetch-site": site},
        )
    assert ("tidbok_portal_staff=a-staff-token" in answer.headers.get("set-cookie", "")) is session


async def test_a_path_segment_that_is_not_a_code_goes_back_to_the_start() -> None:
    """A newline (or anything but letters, digits and '-') in a clinic, kind or need is not sent
    on to the booking API: the resident is sent back to the start of booking."""
    idp = the_idp()
    settings = PortalSettings(
        environment="test", development_login_url=None, jwks_url=idp.jwks_url, token_issuer=idp.settings.issuer
    )
    cookie = {"cookie": f"tidbok_portal={idp.resident_token('191212121212')}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)), base_url="http://p") as http:
        for path in ("/book/abc%0A", "/book/need/abc%0A", "/book/type/abc%0A", "/book/x/abc%0A", "/book/a.b/c"):
            answer = await http.get(path, headers=cookie)
            assert answer.status_code == 303 and answer.headers["location"] == "/book", path


CHANGES = ("/login", "/logout", "/book", "/preferences", "/appointments/" + "0" * 32 + "/cancel",
           "/appointments/" + "0" * 32 + "/rebook", "/staff/login", "/staff/logout", "/staff/book")  # fmt: skip


@pytest.mark.parametrize(
    "sent_from",
    [
        {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:8097"},  # another port of the host
        {"sec-fetch-site": "cross-site"},
        {"origin": "http://evil.example"},  # a browser that sends no Sec-Fetch-Site
        {"origin": "null"},
    ],
)
async def test_a_change_posted_from_another_site_is_refused_before_anything_is_done(
    portal: httpx.AsyncClient, sent_from: dict[str, str]
) -> None:
    """The session cookie is SameSite=Lax, which lets other ports of the same host post with it: a
    page there could cancel a resident's booking or send their reminders elsewhere."""
    for path in CHANGES:
        answer = await portal.post(
            path,
            content="slot=x",
            headers={"content-type": "application/x-www-form-urlencoded", "host": "portal", **sent_from},
        )
        assert answer.status_code == 403 and "set-cookie" not in answer.headers, path
        assert "annan webbplats" in answer.text, path


async def test_a_change_from_the_portals_own_page_goes_through(portal: httpx.AsyncClient) -> None:
    for sent_from in ({"sec-fetch-site": "same-origin", "origin": "http://portal"}, {}):
        answer = await portal.post(
            "/preferences",
            content="x=1",
            headers={"content-type": "application/x-www-form-urlencoded", "host": "portal", **sent_from},
        )
        assert answer.status_code == 303 and answer.headers["location"] == "/login"  # a stranger: to the login
