"""Helpers of the portal's browser tests: log in as a resident, look at a screen the way the
issue asks (axe-core at desktop and phone width, nothing wider than 320 px, screenshots for the
docs when asked), and reach the services' APIs as other callers (a second resident, an admin)."""

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from playwright.async_api import Page, expect

from tests.support.browser import screenshot_dir, serious_accessibility_violations
from tests.support.fleet import Fleet
from tests.support.idp import staff_headers, the_idp
from tests.support.waiting import wait_for

ANDERSBERG = "SE2321000115-O10001"  # Halmstad; has a vaccinator and a physiotherapist
BRUNNSPARKEN = "SE2321000115-O10002"
ADMIN = staff_headers("regional_admin")


@dataclass
class Screens:
    """What was seen on each main screen: axe-core's serious or critical findings and anything
    wider than a 320 px phone."""

    found: dict[str, list[str]] = field(default_factory=dict)

    async def look(self, page: Page, name: str) -> None:
        folder = screenshot_dir()
        problems = list(await serious_accessibility_violations(page))
        if folder is not None:
            await page.screenshot(path=str(folder / f"portal-{name}.png"), full_page=True)
        size = page.viewport_size or {"width": 1280, "height": 900}
        for width in (375, 320):
            await page.set_viewport_size({"width": width, "height": 800})
            problems += [f"{width} px: {p}" for p in await serious_accessibility_violations(page)]
            wide = await page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                problems.append(f"{width} px: the page is {wide} px wide")
            if width == 375 and folder is not None:
                await page.screenshot(path=str(folder / f"portal-{name}-phone.png"), full_page=True)
        await page.set_viewport_size(size)
        self.found[name] = problems

    def problems(self) -> dict[str, list[str]]:
        return {name: found for name, found in self.found.items() if found}


async def log_in(page: Page, fleet: Fleet, personnummer: str) -> None:
    await page.goto(f"{fleet.urls['portal']}/login")
    await page.get_by_label("Eller skriv ett testpersonnummer").fill(personnummer)
    await page.get_by_role("button", name="Logga in", exact=True).click()
    await expect(page.get_by_role("heading", name="Mina tider")).to_be_visible()


def resident(personnummer: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {the_idp().resident_token(personnummer)}"}


async def free_times(
    fleet: Fleet, clinic: str, time_type: str, who: dict[str, str], *, at_least: int = 1
) -> list[dict[str, Any]]:
    """The free times a resident would see (waits until VAS's change feed has brought some)."""
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:

        async def listed() -> list[dict[str, Any]]:
            answer = await http.get("/v1/slots", params={"clinic": clinic, "time_type": time_type}, headers=who)
            assert answer.status_code == 200, answer.text
            items: list[dict[str, Any]] = answer.json()["items"]
            return items if len(items) >= at_least else []

        return await wait_for(listed, timeout=180, interval=1)


async def book_by_api(fleet: Fleet, who: dict[str, str], slot: str, conditions: list[str]) -> httpx.Response:
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        return await http.post(
            "/v1/appointments",
            json={"slot_id": slot, "confirmed_conditions": conditions},
            headers={**who, "Idempotency-Key": str(uuid.uuid4())},
        )


async def conditions_of(fleet: Fleet, time_type: str) -> list[str]:
    async with httpx.AsyncClient(base_url=fleet.urls["booking"], timeout=10) as http:
        kind = (await http.get(f"/v1/time-types/{time_type}")).json()
    return [c["id"] for c in kind["conditions"]]
