"""The demo portal in a real browser (headless Chromium), as a resident uses it: log in, book a
nurse visit through the clinic, the time type, the conditions and a week of times, see it go from
pending to booked once VAS has it (and on the clinic's schedule in VAS), move it, then cancel it.
The portal reaches booking only through its public API over HTTP."""

import re
from collections.abc import Iterator
from datetime import datetime, time, timedelta

import pytest
from playwright.async_api import expect

from services.booking.main import create_app as create_booking
from services.portal.main import create_app as create_portal
from services.portal.settings import PortalSettings
from shared.crm_scheduling.messages import SWEDEN
from shared.web.app import server_config
from tests.support.browser import chromium, screenshot_dir, serious_accessibility_violations
from tests.support.idp import the_idp
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_sync.system import System


@pytest.fixture
def portal_url(system: System) -> Iterator[str]:
    """Booking as a second replica on a port of its own (the first runs in the test's loop), and
    the portal in front of it."""
    booking_settings = system.api.env.settings.model_copy(update={"port": free_port()})
    booking_app = create_booking(booking_settings)
    with serve_in_thread(booking_app, booking_settings.port, server_config(booking_app, booking_settings)) as booking:
        settings = PortalSettings(
            environment="test",
            port=free_port(),
            booking_url=booking,
            jwks_url=the_idp().jwks_url,
            token_issuer=the_idp().settings.issuer,
            development_login_url=f"{the_idp().url}/token",
            wait_for_vas_s=0,
        )
        with serve_in_thread(create_portal(settings), settings.port) as served:
            yield served


@pytest.mark.timeout(180)
async def test_a_resident_books_sees_it_booked_rebooks_and_cancels_it_in_the_portal(
    system: System, portal_url: str
) -> None:
    start = datetime.combine(datetime.now(SWEDEN).date() + timedelta(days=3), time(10, 40), SWEDEN)
    [slot, later] = await system.vas_slots(2, start=start)
    folder = screenshot_dir()

    async with chromium() as browser:
        for width, suffix in ((1280, ""), (375, "-phone")):
            page = await browser.new_page(viewport={"width": width, "height": 900})
            await page.goto(portal_url)
            assert await serious_accessibility_violations(page) == [], f"login at {width} px"
            if folder is not None:
                await page.screenshot(path=str(folder / f"portal-login{suffix}.png"), full_page=True)
            await page.close()

        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda dialog: dialog.accept())
        await page.goto(portal_url)
        await page.get_by_role("button", name="Tolvan Tolvansson").click()
        await expect(page.get_by_role("heading", name="Mina tider")).to_be_visible()
        screens: dict[str, list[str]] = {"my appointments": await serious_accessibility_violations(page)}
        await expect(page.locator("header")).to_contain_text("Tolvan Tolvansson")
        assert "1212-1212" not in await page.content() and "1212-1212" not in page.url

        await page.get_by_role("link", name="Boka tid", exact=True).first.click()
        await page.wait_for_url("**/book")
        screens["guide"] = await serious_accessibility_violations(page)
        await page.get_by_role(
            "link", name="Jag vet redan vilken mottagning och vilken sorts tid jag vill boka"
        ).click()
        screens["clinics"] = await serious_accessibility_violations(page)
        await page.get_by_role("link", name="Vårdcentralen Andersberg").click()
        screens["what it is about"] = await serious_accessibility_violations(page)
        await page.get_by_role("link", name="Sjuksköterskebesök").click()
        await page.goto(f"{page.url}?week={start.date().isoformat()}")
        for box in await page.locator("input[type=checkbox]").all():
            await box.check()
        await page.locator(f"input[type=radio][value='{slot}']").check()
        screens["times"] = await serious_accessibility_violations(page)
        if folder is not None:
            await page.screenshot(path=str(folder / "portal-times.png"), full_page=True)
        await page.get_by_role("button", name="Bekräfta bokningen").click()
        await expect(page.locator(".status")).to_have_text("Bokad", timeout=30_000)  # pending → booked, live
        appointment_id = re.sub(r".*/appointments/", "", page.url)
        assert appointment_id
        assert len(await system.sim.booked(appointment_id)) == 1  # on the clinic's schedule in VAS, once
        screens["an appointment"] = await serious_accessibility_violations(page)
        if folder is not None:
            await page.screenshot(path=str(folder / "portal-booked.png"), full_page=True)

        # Rebook: the same clinic and kind, another time; VAS moves the booking (still one).
        await page.get_by_role("link", name="Boka om").click()
        await page.goto(f"{page.url}?week={start.date().isoformat()}")
        for box in await page.locator("input[type=checkbox]").all():
            await box.check()
        await page.locator(f"input[type=radio][value='{later}']").check()
        await page.get_by_role("button", name="Flytta till vald tid").click()
        await page.wait_for_url(f"**/appointments/{appointment_id}")
        await expect(page.locator(".status")).to_have_text("Bokad", timeout=30_000)
        [moved] = await system.sim.booked(appointment_id)
        assert system.sim.our_id(moved["timeslot_id"]) == later

        await page.get_by_role("link", name="Till mina tider").click()
        card = page.locator(f"[data-appointment='{appointment_id}']")
        await expect(card).to_contain_text("Bokad")
        await card.get_by_role("button", name="Avboka").click()
        await expect(page.locator(".status")).to_have_text("Avbokad", timeout=30_000)

        await page.get_by_role("link", name="In English").click()
        await expect(page.locator(".status")).to_have_text("Cancelled")
        screens["in English"] = await serious_accessibility_violations(page)
    assert not {screen: found for screen, found in screens.items() if found}
