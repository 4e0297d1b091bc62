"""The portal's small doors: the language switch goes back only to a page of its own, and a login
posted from another site gets no session."""

import httpx
import pytest

from services.portal.main import create_app
from services.portal.settings import PortalSettings


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
    """A resident's session is not a staff login, and nothing reaches the booking API without one."""
    for method, path in (("GET", "/staff"), ("POST", "/staff/book")):
        answer = await portal.request(method, path, content="personnummer=191212121212&slot=x")
        assert answer.status_code == 303 and answer.headers["location"] == "/staff/login", path
    answer = await portal.get("/staff", headers={"cookie": "tidbok_portal=not-a-token"})
    assert answer.headers["location"] == "/staff/login"


async def test_a_staff_login_from_another_site_gets_no_session(portal: httpx.AsyncClient) -> None:
    answer = await portal.post(
        "/staff/login",
        content="hsa_id=SE2321000115-E9001&clinic=SE2321000115-O10001",
        headers={"content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site"},
    )
    assert "set-cookie" not in answer.headers
