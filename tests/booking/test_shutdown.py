"""The booking app stops promptly: a shutdown (deploy, scale-in, SIGTERM) that lands just as the
outbox relay is woken must not leave it running forever."""

import asyncio
import time

from tests.support.booking import Api


async def test_stopping_while_the_outbox_relay_is_woken(api: Api) -> None:
    messaging = api.app.state.messaging
    await asyncio.sleep(0.3)  # the relay is idle, waiting for a NOTIFY or its poll interval
    # A NOTIFY arriving in the same instant as the stop (Python 3.11's wait_for lost the
    # cancellation then, and the relay kept polling after shutdown).
    messaging.relay._wake.set()
    started = time.monotonic()
    async with asyncio.timeout(10):
        await messaging.stop()
    assert time.monotonic() - started < 3
