"""Eligibility's door (finding 7 of the security review: no body limit, and JSON parsed before the
login was checked — a 5 MB malformed body without a token answered 400, not 401; CSV imports read
the whole body before comparing it with the limit)."""

import sqlalchemy as sa

from services.eligibility.adapters.tables import home_care
from tests.support.booking.helpers import problem
from tests.support.eligibility import System
from tests.support.people import personnummer

FIVE_MB = b"{" * 5_000_000


async def test_a_large_body_without_a_login_is_401_before_it_is_read(system: System) -> None:
    answer = await system.http.put(
        "/v1/campaigns/covid19-test", content=FIVE_MB, headers={"Content-Type": "application/json"}
    )
    problem(answer, 401, "UNAUTHORIZED")
    answer = await system.http.put("/v1/registers/home-care", content=FIVE_MB, headers={"Content-Type": "text/csv"})
    problem(answer, 401, "UNAUTHORIZED")


async def test_a_stranger_to_a_path_that_is_no_route_is_answered_before_the_body(system: System) -> None:
    for method, path in (("PUT", "/v1/registers/a/b"), ("POST", "/v1/registers/home-care")):
        answer = await system.http.request(method, path, content=FIVE_MB, headers={"Content-Type": "text/csv"})
        assert answer.status_code in (404, 405), answer.text
        assert answer.headers["content-type"] == "application/problem+json"


async def test_bodies_have_limits_with_a_login_too(system: System) -> None:
    admin = await system.admin()
    json_body = await system.http.put(
        "/v1/campaigns/covid19-test", content=FIVE_MB, headers={**admin, "Content-Type": "application/json"}
    )
    problem(json_body, 413, "PAYLOAD_TOO_LARGE")
    limit = system.app.state.eligibility.settings.max_import_bytes
    csv_body = await system.http.put(
        "/v1/registers/home-care", content=b"x" * (limit + 1), headers={**admin, "Content-Type": "text/csv"}
    )
    problem(csv_body, 413, "PAYLOAD_TOO_LARGE")


async def test_a_csv_row_with_control_characters_is_reported_and_nothing_is_imported(system: System) -> None:
    good = personnummer(year=1940)
    csv = (
        f"personnummer,kind,municipality\n{good},home_care,Halmstad\n{personnummer(year=1941)},home_care,Halm\x00stad\n"
    )
    answer = await system.put_register("home-care", csv)
    body = problem(answer, 422, "IMPORT_REJECTED")
    assert body["errors"] == [{"line": 3, "error": "control characters are not allowed"}]
    async with system.engine.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).where(home_care.c.personnummer == good)) == 0
