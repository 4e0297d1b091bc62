"""List endpoints page with an opaque cursor (`{"items": [...], "next": cursor | null}`), and
the operations endpoints answer."""

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.booking import Api
from tests.support.booking.helpers import booked, in_hours

PAGING_CLINIC = "SE2321000115-O10004"


async def _all_pages(api: Api, path: str, params: dict[str, Any], headers: dict[str, str]) -> list[list[str]]:
    pages: list[list[str]] = []
    cursor: str | None = None
    while True:
        response = await api.http.get(
            path, params={**params, **({"cursor": cursor} if cursor else {})}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next"]
        if cursor is None:
            return pages


async def test_slot_search_pages_in_time_order(api: Api) -> None:
    start = in_hours(24 * 20).replace(microsecond=0)
    ids = await api.new_slots(5, clinic=PAGING_CLINIC, start=start, gap_min=20, length_min=20)
    window: dict[str, Any] = {
        "clinic": PAGING_CLINIC.lower(),
        "time_type": "nurse-visit",
        "from": (start - timedelta(minutes=1)).isoformat(),
        "to": (start + timedelta(hours=2)).isoformat(),
        "limit": 2,
    }
    pages = await _all_pages(api, "/v1/slots", window, {})
    assert pages == [ids[0:2], ids[2:4], ids[4:5]]
    first = (await api.http.get("/v1/slots", params={**window, "limit": 1})).json()["items"][0]
    assert {"id", "clinic", "time_type", "start", "end"} <= set(first)
    assert (first["clinic"], first["time_type"]) == (PAGING_CLINIC, "nurse-visit")
    # A time without offset is read as Stockholm local time.
    stockholm = start.astimezone(ZoneInfo("Europe/Stockholm")).replace(tzinfo=None)
    naive = {
        **window,
        "from": (stockholm - timedelta(minutes=1)).isoformat(),
        "to": (stockholm + timedelta(minutes=1)).isoformat(),
    }
    assert [s["id"] for s in (await api.http.get("/v1/slots", params=naive)).json()["items"]] == ids[:1]


async def test_my_appointments_page_in_time_order(api: Api) -> None:
    ids = await api.new_slots(3, start=in_hours(24 * 10), gap_min=60 * 24)
    _, me = await api.resident()
    made = [await booked(api, me, slot) for slot in reversed(ids)]
    pages = await _all_pages(api, "/v1/appointments", {"limit": 2}, me)
    assert pages == [[made[2]["id"], made[1]["id"]], [made[0]["id"]]]


async def test_operations_endpoints(api: Api) -> None:
    assert (await api.http.get("/livez")).json() == {"status": "ok"}
    ready = await api.http.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert {"database", "consumers", "status_listener"} <= set(ready.json()["checks"])
    metrics = await api.http.get("/metrics")
    assert metrics.status_code == 200
    assert "tidbok_consumers_attached" in metrics.text
    docs = await api.http.get("/openapi.json")
    paths = set(docs.json()["paths"])
    assert {"/v1/appointments", "/v1/slots/{slot_id}/hold", "/v1/staff/closures"} <= paths
