"""The ops console in a real browser (headless Chromium): operations staff log in, see a booking's
message parked because VAS refuses it (a time type not set up in VAS), fix the cause, retry the
group from the console, and the booking is confirmed with exactly one VAS appointment."""

import asyncio
import uuid
from collections.abc import Iterator

import pytest
from playwright.async_api import Page, expect

from services.ops_console.main import create_app
from shared.migrations import upgrade
from tests.support.browser import chromium, screenshot_dir
from tests.support.idp import the_idp
from tests.support.infra import Infra
from tests.support.ops_console import console_settings
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_sync.system import System


@pytest.fixture
def console_url(infra: Infra, namespace: str, system: System) -> Iterator[str]:
    name = asyncio.run(infra.create_database(f"ops_console_{uuid.uuid4().hex[:8]}"))
    url = infra.database_url(name)
    upgrade("ops_console", url)
    settings = console_settings(infra, namespace, url, refresh_s=1.0, development_login_url=f"{the_idp().url}/token")
    with serve_in_thread(create_app(settings), free_port()) as served:
        yield served


async def _shot(page: Page, name: str) -> None:
    folder = screenshot_dir()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(folder / f"ops-{name}.png"), full_page=True)


@pytest.mark.timeout(180)
async def test_operations_retry_a_parked_booking_from_the_console_and_it_reaches_vas_once(
    system: System, console_url: str
) -> None:
    [slot] = await system.vas_slots()
    pnr, resident = await system.api.resident()
    await system.sim.faults(mode="misconfigured")
    made = await system.book(resident, slot)

    async with chromium() as browser:
        page = await browser.new_page(viewport={"width": 1440, "height": 900})
        page.on("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
        await page.goto(f"{console_url}/failed")
        assert page.url.endswith("/login")  # no session yet
        await page.get_by_role("button", name="Logga in som driftpersonal").click()
        await page.wait_for_url(f"{console_url}/")
        await page.goto(f"{console_url}/failed")
        row = page.locator("tr[data-group]").filter(has_text="appointment.requested")
        await expect(row.locator(".count")).to_have_text("1", timeout=30_000)  # refreshes by itself
        await expect(row).to_contain_text("TIME_TYPE_NOT_CONFIGURED")
        await _shot(page, "failed")
        await row.locator("a").first.click()
        await page.locator("a[href^='/messages/']").first.click()
        await expect(page.locator("pre")).to_contain_text("****")  # the body, personnummer masked
        assert pnr not in await page.content() and pnr.replace("-", "") not in await page.content()
        await _shot(page, "message")

        await system.sim.faults()  # the time type is set up in VAS now
        await page.goto(f"{console_url}/failed")
        await row.get_by_role("button", name="Försök igen").click()
        await expect(page.locator("#status")).to_contain_text("1", timeout=10_000)
        await system.becomes(resident, made["id"], "booked")
        await expect(page.get_by_text("Inget parkerat.")).to_be_visible(timeout=30_000)
        assert len(await system.sim.booked_for(pnr, clinic=made["clinic"])) == 1

        for view in ("", "queues", "services", "audit"):
            await page.goto(f"{console_url}/{view}")
            await _shot(page, view or "flow")
        await expect(page.locator("tbody tr").first).to_contain_text("replay")
