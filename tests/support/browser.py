"""Headless Chromium for the browser tests: the machine's own (Debian's `chromium` package),
driven by Playwright without a browser download. A missing Chromium fails the test, never skips."""

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, async_playwright

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str:
    configured = os.environ.get("TIDBOK_CHROMIUM")
    found = configured or next((p for p in map(shutil.which, CANDIDATES) if p), None)
    assert found, "Chromium is needed for the browser tests: apt-get install chromium (or set TIDBOK_CHROMIUM)"
    return found


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=chromium_path(), headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            yield browser
        finally:
            await browser.close()


def screenshot_dir() -> Path | None:
    """Where screenshots for the docs go (`TIDBOK_SCREENSHOTS=docs/images`); None: not kept."""
    value = os.environ.get("TIDBOK_SCREENSHOTS")
    return Path(value) if value else None


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


async def serious_accessibility_violations(page: Page) -> list[str]:
    """axe-core (from the npm registry, pinned in package-lock.json), injected into the page: the
    rules broken at impact serious or critical, each with the first place it is broken."""
    assert AXE.exists(), "axe-core is missing: run `make env` (npm ci)"
    await page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = await page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, where: (v.nodes[0] || {}).html || ''}))"
    )
    return [f"{v['id']} ({v['impact']}): {v['where'][:120]}" for v in found if v["impact"] in ("serious", "critical")]
