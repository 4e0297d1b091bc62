"""Headless Chromium for the browser tests: the machine's own (Debian's `chromium` package),
driven by Playwright without a browser download. A missing Chromium fails the test, never skips."""

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, async_playwright

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
