"""Clinic schedule pages, health endpoints, and no personnummer in any URL the API defines."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from fastapi.routing import APIRoute

from services.vas_simulator.demo import publish_demo_timeslots
from tests.support.people import personnummer
from tests.support.vas_simulator import Vas

STOCKHOLM = ZoneInfo("Europe/Stockholm")


async def test_clinic_page_shows_the_day_with_masked_personnummer(vas: Vas) -> None:
    start = datetime.combine(datetime.now(STOCKHOLM).date() + timedelta(days=2), datetime.min.time(), STOCKHOLM)
    start = start.replace(hour=9)
    [web_slot, phone_slot, _free_slot] = await vas.new_slots(3, start=start)
    web, phone = personnummer(), personnummer()
    await vas.book(web_slot, web, reference="page-ref")
    await vas.book(phone_slot, phone, channel="phone")
    page = await vas.http.get(f"/clinics/{vas.clinic.lower()}", params={"day": start.date().isoformat()})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "09:00–09:20" in html and "10:00–10:20" in html  # Stockholm time
    assert f"{web[:8]}-****" in html and f"{phone[:8]}-****" in html
    assert web not in html and phone not in html
    assert "webb / web" in html and "telefon / phone" in html and "ledig / free" in html
    index = await vas.http.get("/")
    assert vas.clinic in index.text


async def test_clinic_page_cancel_button(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    made = (await vas.book(slot, personnummer())).json()
    answer = await vas.http.post(f"/clinics/{vas.clinic}/appointments/{made['id']}/cancel")
    assert answer.status_code == 303
    got = (await vas.http.get(f"/api/appointments/{made['id']}")).json()
    assert got["status"] == "cancelled" and got["cancelled_by"] == "clinic"


async def test_no_personnummer_in_any_url(vas: Vas) -> None:
    for route in vas.app.routes:
        if isinstance(route, APIRoute):
            names = [p.name for p in route.dependant.path_params + route.dependant.query_params]
            assert not {"subject", "personnummer", "pnr"} & set(names), route.path
    [slot] = await vas.new_slots()
    pnr = personnummer()
    await vas.book(slot, pnr)
    for path in ("/changes?after=0&limit=1000", "/", f"/clinics/{vas.clinic}"):
        assert not re.search(rf"href=\"[^\"]*{pnr}", (await vas.http.get(path)).text)


async def test_health(vas: Vas) -> None:
    assert (await vas.http.get("/livez")).status_code == 200
    ready = await vas.http.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    assert (await vas.http.get("/metrics")).status_code == 200


async def test_demo_times_are_stable(vas: Vas) -> None:
    engine = vas.app.state.engine
    first = await publish_demo_timeslots(engine, 7)
    again = await publish_demo_timeslots(engine, 7)
    assert again == 0
    assert first > 0
    free = (await vas.http.get("/api/timeslots", params={"clinic": "SE2321000115-O10001"})).json()["items"]
    assert all(s["id"].startswith("SE2321000115-O10001-") for s in free)


async def test_clinic_page_on_dst_change_days(vas: Vas) -> None:
    """Last Sundays of March and October: local times and day boundaries stay right."""
    spring = datetime(2026, 3, 29, 8, 0, tzinfo=STOCKHOLM)  # 06:00 UTC (CEST)
    autumn = datetime(2026, 10, 25, 8, 0, tzinfo=STOCKHOLM)  # 07:00 UTC (CET)
    just_after_midnight = datetime(2026, 10, 25, 0, 30, tzinfo=STOCKHOLM)  # 22:30 UTC the day before
    for start in (spring, autumn, just_after_midnight):
        await vas.new_slots(start=start)
    spring_page = (await vas.http.get(f"/clinics/{vas.clinic}", params={"day": "2026-03-29"})).text
    autumn_page = (await vas.http.get(f"/clinics/{vas.clinic}", params={"day": "2026-10-25"})).text
    day_before = (await vas.http.get(f"/clinics/{vas.clinic}", params={"day": "2026-10-24"})).text
    assert "08:00–08:20" in spring_page
    assert "08:00–08:20" in autumn_page and "00:30–00:50" in autumn_page
    assert "00:30" not in day_before
