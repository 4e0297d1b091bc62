"""The HTTP edge on a real socket: a slow or stalled client costs only its own connection (finding 3
of the security review: 30 connections that never finished their bodies froze the booking API)."""

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from services.booking.main import create_app
from services.booking.settings import BookingSettings
from shared.web.app import server_config
from tests.support.booking import BookingEnv
from tests.support.idp import DevIdp
from tests.support.people import personnummer
from tests.support.servers import free_port, serve_in_thread

STALLED = 30


@contextmanager
def booking_on_a_port(settings: BookingSettings) -> Iterator[str]:
    port = free_port()
    settings = settings.model_copy(update={"port": port})
    app = create_app(settings)
    with serve_in_thread(app, port, server_config(app, settings)) as url:
        yield url


async def _stall(port: int, token: str | None) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A booking request whose body never comes (headers sent, 1 of 400 body bytes)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    writer.write(
        (
            "POST /v1/appointments HTTP/1.1\r\nHost: booking\r\nContent-Type: application/json\r\n"
            f"Idempotency-Key: stalled-{id(writer)}\r\n{auth}Content-Length: 400\r\n\r\n{{"
        ).encode()
    )
    await writer.drain()
    return reader, writer


async def _status(reader: asyncio.StreamReader, timeout: float) -> int:
    line = await asyncio.wait_for(reader.readline(), timeout)
    return int(line.split()[1])


async def test_stalled_bodies_leave_the_api_answering_within_a_second(booking_env: BookingEnv, dev_idp: DevIdp) -> None:
    settings = booking_env.settings.model_copy(update={"body_timeout_s": 3.0})
    with booking_on_a_port(settings) as url:
        port = int(url.rsplit(":", 1)[1])
        token = dev_idp.resident_token(personnummer())
        logged_in = [await _stall(port, token) for _ in range(STALLED)]
        anonymous = [await _stall(port, None) for _ in range(STALLED)]
        async with httpx.AsyncClient(base_url=url) as client:
            started = time.perf_counter()
            answer = await client.get("/v1/clinics")
            took = time.perf_counter() - started
        assert answer.status_code == 200
        assert took < 1.0, f"GET /v1/clinics took {took:.2f} s behind {STALLED} stalled bodies"
        # Strangers are turned away before their body is waited for; the logged-in get 408 at the deadline.
        assert {await _status(r, 2) for r, _ in anonymous} == {401}
        assert {await _status(r, 6) for r, _ in logged_in} == {408}
        for _, writer in logged_in + anonymous:
            writer.close()


async def test_a_request_head_that_never_ends_is_closed(booking_env: BookingEnv) -> None:
    settings = booking_env.settings.model_copy(update={"header_timeout_s": 1.0})
    with booking_on_a_port(settings) as url:
        port = int(url.rsplit(":", 1)[1])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /v1/clinics HTTP/1.1\r\nHost: booking\r\nX-Slow: ")
        await writer.drain()
        started = time.perf_counter()
        assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the server
        assert time.perf_counter() - started < 3
        writer.close()
