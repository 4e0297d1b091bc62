"""The portal's journeys in headless Chromium against the whole system (demo catalogue, campaign
and free times, eligibility asked over RabbitMQ, VAS sync and the simulator): the guide to a
hidden kind of time, the vaccination rules as a resident meets them, a time taken while looking
at it, web booking closed, reminders and contact details, and staff booking by phone. Each main
screen passes axe-core at desktop and phone width and fits 320 px."""

import re
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.support.browser import chromium
from tests.support.fleet import Fleet
from tests.support.people import personnummer
from tests.support.portal import (
    ADMIN,
    ANDERSBERG,
    BRUNNSPARKEN,
    Screens,
    book_by_api,
    conditions_of,
    free_times,
    log_in,
    resident,
)

pytestmark = pytest.mark.timeout(300)
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _local_day(start: str) -> date:
    return datetime.fromisoformat(start).astimezone(STOCKHOLM).date()


async def _open_times(page: Page, fleet: Fleet, clinic: str, time_type: str, start: str) -> None:
    await page.goto(f"{fleet.urls['portal']}/book/{clinic}/{time_type}?week={_local_day(start).isoformat()}")
    for box in await page.locator("input[name=condition]").all():
        await box.check()


async def _booked(page: Page) -> str:
    await expect(page.locator(".status")).to_have_text("Bokad", timeout=60_000)  # VAS has it
    return re.sub(r".*/appointments/", "", page.url)


async def test_the_guide_leads_to_a_hidden_kind_of_time_own_municipality_first(fleet: Fleet) -> None:
    me = personnummer(year=1980)
    await free_times(fleet, ANDERSBERG, "nurse-visit", resident(me))
    screens = Screens()
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, fleet, me)
        await screens.look(page, "mine-empty")
        await page.get_by_role("link", name="Boka tid", exact=True).first.click()
        await expect(page.get_by_role("heading", name="Vad behöver du hjälp med?")).to_be_visible()
        await screens.look(page, "guide")

        # Urgent needs book nothing: they say whom to call.
        await page.get_by_role("link", name="Bröstsmärta eller svårt att andas").click()
        await expect(page.get_by_role("link", name="112")).to_be_visible()
        assert await page.locator("a[href^='/book/type/']").count() == 0  # no kind of time offered
        await screens.look(page, "guide-call")
        await page.go_back()

        # Back pain: the physiotherapist, a kind of time hidden unless the guide leads there.
        await page.get_by_role("link", name="Ont i rygg, nacke eller leder").click()
        await expect(page.locator("main")).to_contain_text("fysioterapeut, 45 min")
        await screens.look(page, "guide-result")
        await page.get_by_role("link", name="Fysioterapeut, nybesök").click()
        await page.get_by_label("Din kommun").select_option("Varberg")
        await page.get_by_role("button", name="Visa").click()
        await expect(page.locator("main h2").first).to_have_text("Varberg")  # own municipality first
        await page.get_by_label("Din kommun").select_option("Halmstad")
        await page.get_by_role("button", name="Visa").click()
        await expect(page.locator("main h2").first).to_have_text("Halmstad")
        await expect(page.locator("main")).to_contain_text("Första lediga tid")
        await screens.look(page, "clinics")
        await page.get_by_role("link", name="Vårdcentralen Andersberg").click()
        for box in await page.locator("input[name=condition]").all():
            await box.check()
        await page.locator("input[name=slot]").first.check()
        await screens.look(page, "times")
        await page.get_by_role("button", name="Bekräfta bokningen").click()
        appointment = await _booked(page)
        await screens.look(page, "booked")

        # On the clinic's schedule in VAS (the simulator's clinic page), once, masked.
        async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
            made = (await http.get(f"/v1/appointments/{appointment}", headers=resident(me))).json()
        vas = await browser.new_page()
        await vas.goto(f"{fleet.urls['vas_simulator']}/clinics/{ANDERSBERG}?day={_local_day(made['start'])}")
        row = vas.locator("tr", has_text=f"{me[:8]}-****")
        await expect(row).to_have_count(1)
        await expect(row).to_contain_text("bokad / booked")
        await expect(row).to_contain_text("physio-visit")
        assert me[-4:] not in await row.inner_text()
        await vas.close()

        # Without a choice, the municipality of the latest appointment's clinic comes first; a
        # choice is remembered over it.
        await page.context.clear_cookies(name="kommun")
        await page.goto(f"{fleet.urls['portal']}/book/clinics")
        await expect(page.locator("main h2").first).to_have_text("Halmstad")
        await page.get_by_label("Din kommun").select_option("Laholm")
        await page.get_by_role("button", name="Visa").click()
        await page.goto(f"{fleet.urls['portal']}/book/clinics")
        await expect(page.locator("main h2").first).to_have_text("Laholm")
        await page.goto(f"{fleet.urls['portal']}/appointments")
        await expect(page.locator(f"[data-appointment='{appointment}']")).to_contain_text("Fysioterapeut")
        await screens.look(page, "mine")

        # Without the guide's ticket the hidden kind is not offered.
        await page.goto(f"{fleet.urls['portal']}/book/{ANDERSBERG}")
        await expect(page.get_by_role("link", name="Sjuksköterskebesök")).to_be_visible()
        assert await page.get_by_role("link", name="Fysioterapeut, nybesök").count() == 0
    assert not screens.problems()


async def test_a_36_year_old_is_told_why_not_and_when_the_next_phase_opens(fleet: Fleet) -> None:
    today = datetime.now(STOCKHOLM).date()
    birthday = today - timedelta(days=40)  # 36 years old since 40 days, whatever today is
    me = personnummer(year=birthday.year - 36, month=birthday.month, day=min(birthday.day, 28))
    [slot, *_] = await free_times(fleet, ANDERSBERG, "covid19-dose1", resident(me))
    screens = Screens()
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, fleet, me)
        await expect(page.locator("header")).to_contain_text("36 år")
        await page.goto(f"{fleet.urls['portal']}/book")
        await page.get_by_role("link", name="Vaccination mot covid-19").click()
        await page.get_by_role("link", name="Vaccination mot covid-19, dos 1").click()
        await expect(page.get_by_role("link", name="Vårdcentralen Andersberg")).to_be_visible()
        await _open_times(page, fleet, ANDERSBERG, "covid19-dose1", slot["start"])
        await page.locator(f"input[name=slot][value='{slot['id']}']").check()
        await page.get_by_role("button", name="Bekräfta bokningen").click()
        main = page.locator("main")
        await expect(main).to_contain_text("Du kan inte boka den här tiden på webben ännu.")
        await expect(main).to_contain_text("Du tillhör inte de grupper som kan boka vaccinationen nu.")
        opens = await _next_phase_opens(fleet)
        await expect(main).to_contain_text(f"Du kan boka från {opens.day}/{opens.month} {opens.year}.")
        assert "NOT_ELIGIBLE" not in await page.content()
        await screens.look(page, "not-eligible")
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        mine = (await http.get("/v1/appointments", headers=resident(me))).json()["items"]
    assert mine == []  # nothing booked
    assert not screens.problems()


async def _next_phase_opens(fleet: Fleet) -> date:
    """The first phase of the demo campaign that has not opened yet (as eligibility has it)."""
    async with httpx.AsyncClient(base_url=fleet.urls["eligibility"], timeout=10) as http:
        campaign = (await http.get("/v1/campaigns/covid19-halland", headers=ADMIN)).json()
    today = datetime.now(STOCKHOLM).date()
    return min(d for d in (date.fromisoformat(str(p["starts"])[:10]) for p in campaign["rules"]["phases"]) if d > today)


async def _invitation(fleet: Fleet, pnr: str) -> str:
    letters = f"personnummer,name,street,postal_code,city\n{pnr},Test Testsson,Storgatan 1,302 40,Halmstad\n"
    async with httpx.AsyncClient(base_url=fleet.urls["eligibility"], timeout=10) as http:
        made = await http.post(
            "/v1/campaigns/covid19-halland/phases/fas1-kallelse/invitations",
            content=letters.encode(),
            headers={**ADMIN, "Content-Type": "text/csv"},
        )
        assert made.status_code == 201, made.text
        exported = await http.get(f"/v1/invitation-batches/{made.json()['batch_id']}/letters.csv", headers=ADMIN)
    return exported.text.splitlines()[1].split(",")[4]


async def test_an_invitation_code_books_once_and_is_refused_the_second_time(fleet: Fleet) -> None:
    """The resident has the week open in two tabs: the code books in the first; the second tab,
    listed before, is refused. Someone else with the same letter is refused too."""
    me, spouse = personnummer(year=1995), personnummer(year=1995)
    code = await _invitation(fleet, me)
    listed = await free_times(fleet, ANDERSBERG, "covid19-dose1", resident(me), at_least=2)
    first = listed[0]
    second = next(s for s in listed if s["start"] >= first["end"])  # not overlapping the first
    screens = Screens()
    async with chromium() as browser:
        tabs = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await tabs.new_page()
        await log_in(page, fleet, me)
        later = await tabs.new_page()
        await _open_times(later, fleet, ANDERSBERG, "covid19-dose1", second["start"])
        await _open_times(page, fleet, ANDERSBERG, "covid19-dose1", first["start"])
        await page.get_by_label("Kod från kallelsen (om du har fått en)").fill(code)
        await page.locator(f"input[name=slot][value='{first['id']}']").check()
        await screens.look(page, "vaccination-times")
        await page.get_by_role("button", name="Bekräfta bokningen").click()
        await _booked(page)

        await later.get_by_label("Kod från kallelsen (om du har fått en)").fill(code)
        await later.locator(f"input[name=slot][value='{second['id']}']").check()
        await later.get_by_role("button", name="Bekräfta bokningen").click()
        main = later.locator("main")
        await expect(main).to_contain_text("Du har redan en bokad tid av det här slaget")
        await screens.look(later, "invitation-used")

        other = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(other, fleet, spouse)
        await _open_times(other, fleet, ANDERSBERG, "covid19-dose1", second["start"])
        await other.get_by_label("Kod från kallelsen (om du har fått en)").fill(code)
        await other.locator(f"input[name=slot][value='{second['id']}']").check()
        await other.get_by_role("button", name="Bekräfta bokningen").click()
        await expect(other.locator("main")).to_contain_text("Koden från kallelsen stämmer inte.")
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        mine = (await http.get("/v1/appointments", headers=resident(me))).json()["items"]
        theirs = (await http.get("/v1/appointments", headers=resident(spouse))).json()["items"]
    assert [(a["slot_id"], a["status"]) for a in mine] == [(first["id"], "booked")] and theirs == []
    assert not screens.problems()


async def test_a_time_taken_by_someone_else_while_it_is_on_screen(fleet: Fleet) -> None:
    me, other = personnummer(year=1970), personnummer(year=1971)
    [slot, *_] = await free_times(fleet, ANDERSBERG, "nurse-visit", resident(me))
    screens = Screens()
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, fleet, me)
        await _open_times(page, fleet, ANDERSBERG, "nurse-visit", slot["start"])
        await page.locator(f"input[name=slot][value='{slot['id']}']").check()

        taken = await book_by_api(fleet, resident(other), slot["id"], await conditions_of(fleet, "nurse-visit"))
        assert taken.status_code == 201, taken.text
        await page.get_by_role("button", name="Bekräfta bokningen").click()
        await expect(page.get_by_role("alert")).to_have_text("Någon annan hann boka tiden. Välj en annan tid.")
        await screens.look(page, "taken")
        await page.get_by_role("link", name="Tillbaka").click()
        await expect(page.get_by_role("heading", name="Sjuksköterskebesök")).to_be_visible()
        assert await page.locator(f"input[name=slot][value='{slot['id']}']").count() == 0
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        assert (await http.get("/v1/appointments", headers=resident(me))).json()["items"] == []
    assert not screens.problems()


async def test_web_booking_closed_shows_the_regions_message_and_phone(fleet: Fleet) -> None:
    me = personnummer(year=1960)
    [slot, *_] = await free_times(fleet, BRUNNSPARKEN, "nurse-visit", resident(me))
    message = f"Webbokningen är stängd för underhåll ({uuid.uuid4().hex[:6]}). Ring oss så bokar vi åt dig."
    closure = {
        "clinic_hsa_id": BRUNNSPARKEN,
        "message_sv": message,
        "message_en": "Web booking is closed for maintenance. Call us and we will book for you.",
        "phone": "031-390 06 99",
    }
    screens = Screens()
    async with chromium() as browser, httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, fleet, me)
        await _open_times(page, fleet, BRUNNSPARKEN, "nurse-visit", slot["start"])
        await page.locator(f"input[name=slot][value='{slot['id']}']").check()
        closed = await http.post("/v1/staff/closures", json=closure, headers=ADMIN)
        assert closed.status_code == 201, closed.text
        try:
            await page.get_by_role("button", name="Bekräfta bokningen").click()  # the page was open before
            main = page.locator("main")
            await expect(main).to_contain_text(message)
            await expect(page.get_by_role("link", name="031-390 06 99")).to_be_visible()
            await screens.look(page, "closed-refused")

            await _open_times(page, fleet, BRUNNSPARKEN, "nurse-visit", slot["start"])
            await expect(page.get_by_role("alert")).to_contain_text(message)
            await expect(page.get_by_role("link", name="031-390 06 99")).to_have_attribute("href", "tel:031-3900699")
            assert await page.locator("input[name=slot]").count() == 0
            await screens.look(page, "closed")
        finally:
            await http.post(f"/v1/staff/closures/{closed.json()['id']}/reopen", headers=ADMIN)
        assert (await http.get("/v1/appointments", headers=resident(me))).json()["items"] == []
    assert not screens.problems()


async def test_reminders_and_contact_preferences(fleet: Fleet) -> None:
    me = personnummer(year=1945)
    screens = Screens()
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, fleet, me)
        await page.get_by_role("link", name="Påminnelser och kontaktuppgifter").click()
        await page.get_by_label("Mobilnummer").fill("abc")
        await page.get_by_label("Ja, påminn mig med sms").check()
        await page.get_by_role("button", name="Spara").click()
        await expect(page.get_by_role("alert")).to_contain_text("Mobilnumret går inte att läsa.")
        await page.get_by_label("Mobilnummer").fill("070-123 45 67")
        await page.get_by_label("E-postadress").fill("astrid@example.org")
        await page.get_by_label("English").check()
        await page.get_by_role("button", name="Spara").click()
        await expect(page.get_by_role("status")).to_have_text("Sparat.")
        await screens.look(page, "preferences")
    async with httpx.AsyncClient(base_url=fleet.urls["notifications"], timeout=10) as http:
        saved = (await http.get("/v1/me/contact-preferences", headers=resident(me))).json()
    assert saved == {
        "phone": "+46701234567",
        "email": "astrid@example.org",
        "language": "en",
        "consent": {"sms": True, "email": False},
    }
    assert not screens.problems()


async def test_staff_book_by_phone_and_the_resident_sees_it(fleet: Fleet) -> None:
    me = personnummer(year=1938)
    await free_times(fleet, BRUNNSPARKEN, "nurse-visit", resident(me))
    screens = Screens()
    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await page.goto(f"{fleet.urls['portal']}/login")
        await page.get_by_role("link", name=re.compile("boka åt en invånare per telefon")).click()
        await page.get_by_label("Mottagning").select_option(BRUNNSPARKEN)
        await screens.look(page, "staff-login")
        await page.get_by_role("button", name="Logga in").click()
        await page.get_by_label("Vad gäller det?").select_option("nurse-visit")
        await page.get_by_role("button", name="Visa").click()
        await page.get_by_label("Personnummer (ÅÅÅÅMMDD-NNNN)").fill(me)
        await page.get_by_label("Förnamn").fill("Greta")
        await page.get_by_label("Efternamn").fill("Gustavsson")
        await page.get_by_label(re.compile("Jag har ställt kontrollfrågorna")).check()
        await page.locator("input[name=slot]").first.check()
        await screens.look(page, "staff")
        await page.get_by_role("button", name="Bekräfta bokningen").click()
        await expect(page.get_by_role("heading", name="Bokningen är gjord")).to_be_visible()
        masked = f"{me[:8]}-****"
        await expect(page.locator("main")).to_contain_text(masked)
        assert me[-4:] not in await page.locator("main").inner_text()
        await screens.look(page, "staff-booked")

        resident_page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(resident_page, fleet, me)
        card = resident_page.locator(".card").first
        await expect(card).to_contain_text("bokad per telefon eller av mottagningen")
        appointment = (await card.get_attribute("data-appointment")) or ""
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        trail = (await http.get(f"/v1/staff/appointments/{appointment}/audit", headers=ADMIN)).json()["items"]
    made = next(entry for entry in trail if entry["channel"] == "phone")
    assert made["details"].get("control_questions_answered") is True, made
    assert not screens.problems()
