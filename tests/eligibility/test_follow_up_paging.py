"""The call-back list pages like every other list (shared/web/paging.py): `limit` rows a page, the
`next` cursor until the last page, `from`/`to` on the booked time, times in Stockholm time."""

from datetime import datetime, timedelta
from typing import Any

from tests.support.booking.helpers import HOME_CLINIC, phone_booking
from tests.support.eligibility import System, covid_slots
from tests.support.people import personnummer
from tests.support.waiting import wait_for


async def _all_pages(system: System, staff: dict[str, str], **params: str) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        answer = await system.http.get(
            "/v1/follow-ups", params={**params, **({"cursor": cursor} if cursor else {})}, headers=staff
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        pages.append(body["items"])
        cursor = body["next"]
        if cursor is None:
            return pages


async def test_the_follow_up_list_pages_by_cursor_and_window(system: System) -> None:
    slots = await covid_slots(system, 3)
    staff = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    ids = []
    for slot, year in zip(slots, (1981, 1982, 1983), strict=True):
        booked = await phone_booking(system.api, staff, personnummer(year=year), slot)
        assert booked.status_code == 201, booked.text
        ids.append(booked.json()["id"])

    async def all_three() -> bool:
        listed = {r["appointment_id"] for p in await _all_pages(system, staff, limit="500") for r in p}
        return set(ids) <= listed

    await wait_for(all_three, timeout=20)
    # The system is shared with other tests: their open follow-ups may be listed too.
    pages = await _all_pages(system, staff, limit="2")
    assert all(len(p) == 2 for p in pages[:-1]) and 1 <= len(pages[-1]) <= 2, [len(p) for p in pages]
    rows = [row for page in pages for row in page]
    assert len({r["appointment_id"] for r in rows}) == len(rows), "each row on one page only"
    assert set(ids) <= {r["appointment_id"] for r in rows}
    starts = [datetime.fromisoformat(r["start"]) for r in rows]
    assert starts == sorted(starts)
    assert all(r["start"].endswith(("+01:00", "+02:00")) for r in rows), "times in Stockholm time"
    mine = [r for r in rows if r["appointment_id"] in ids]

    first = datetime.fromisoformat(mine[0]["start"])
    only_first = await _all_pages(
        system, staff, **{"from": first.isoformat(), "to": (first + timedelta(seconds=1)).isoformat()}
    )
    assert mine[0]["appointment_id"] in [r["appointment_id"] for p in only_first for r in p]
    assert not {mine[1]["appointment_id"], mine[2]["appointment_id"]} & {
        r["appointment_id"] for p in only_first for r in p
    }

    bad_cursor = await system.http.get("/v1/follow-ups", params={"cursor": "not-a-cursor"}, headers=staff)
    assert (bad_cursor.status_code, bad_cursor.json()["code"]) == (400, "INVALID_CURSOR")
    backwards = {"from": first.isoformat(), "to": (first - timedelta(days=1)).isoformat()}
    reversed_window = await system.http.get("/v1/follow-ups", params=backwards, headers=staff)
    assert (reversed_window.status_code, reversed_window.json()["code"]) == (422, "INVALID_TIME_RANGE")
