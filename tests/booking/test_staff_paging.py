"""A clinic's appointments page like every other list (shared/web/paging.py): by start time within
`from`/`to` (default from the start of today), `limit` a page, `next` until the last page."""

from datetime import datetime, timedelta
from typing import Any

from tests.support.booking import Api
from tests.support.booking.helpers import HOME_CLINIC, phone_booking, problem


async def _pages(api: Api, staff: dict[str, str], **params: str) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    while True:
        query = {"clinic": HOME_CLINIC, **params, **({"cursor": cursor} if cursor else {})}
        answer = await api.http.get("/v1/staff/appointments", params=query, headers=staff)
        assert answer.status_code == 200, answer.text
        pages.append(answer.json()["items"])
        cursor = answer.json()["next"]
        if cursor is None:
            return pages


async def test_a_clinics_appointments_page_by_start_within_the_window(api: Api) -> None:
    start = (datetime.now().astimezone() + timedelta(days=50)).replace(microsecond=0)
    slots = await api.new_slots(3, clinic=HOME_CLINIC, start=start)
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    made = []
    for slot in slots:
        pnr, _ = await api.resident()
        booked = await phone_booking(api, staff, pnr, slot)
        assert booked.status_code == 201, booked.text
        made.append(booked.json()["id"])
    window = {"from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat()}

    pages = await _pages(api, staff, limit="2", **window)
    assert [len(p) for p in pages] == [2, 1]
    rows = [row for page in pages for row in page]
    assert [r["id"] for r in rows] == made, "by start time, each once"
    assert all(r["start"].endswith(("+01:00", "+02:00")) for r in rows), "times in Stockholm time"
    assert all(r["subject"].endswith("-****") for r in rows), "personnummer masked"
    # The default window (today and 31 days on) does not reach 50 days ahead.
    assert not {r["id"] for p in await _pages(api, staff, limit="500") for r in p} & set(made)

    bad = await api.http.get("/v1/staff/appointments", params={"clinic": HOME_CLINIC, "cursor": "x"}, headers=staff)
    problem(bad, 400, "INVALID_CURSOR")
    backwards = {"clinic": HOME_CLINIC, "from": window["to"], "to": window["from"]}
    problem(await api.http.get("/v1/staff/appointments", params=backwards, headers=staff), 422, "INVALID_TIME_RANGE")
