"""The HTTP edge on a real socket: a slow or stalled client costs only its own connection (finding 3
of the security review: 30 connections that never finished their bodies froze the booking API)."""

import asyncio
import contextlib
import json
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


async def _answer_then_close(port: int, head: bytes, body_start: bytes) -> tuple[int, bytes]:
    """The status of an answer given before the body is in, and what came after it — once the
    server has closed the connection, while the client goes on trickling the body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head + body_start)
    await writer.drain()
    status = await _status(reader, 3)

    async def trickle() -> None:
        with contextlib.suppress(OSError):
            for _ in range(30):
                await asyncio.sleep(0.2)
                writer.write(b" ")
                await writer.drain()

    trickling = asyncio.create_task(trickle())
    try:
        rest = await asyncio.wait_for(reader.read(), 3)  # EOF: closed by the server
    finally:
        trickling.cancel()
        writer.close()
    return status, rest


async def test_an_answer_given_before_the_body_arrives_closes_the_connection(
    booking_env: BookingEnv, dev_idp: DevIdp
) -> None:
    """Else the connection stays open for as long as the client trickles the body it announced
    (every byte put off the keep-alive timeout): a few hundred such clients took every socket."""
    token = dev_idp.resident_token(personnummer())
    post = (
        "POST {path} HTTP/1.1\r\nHost: booking\r\nContent-Type: application/json\r\n{auth}Content-Length: {n}\r\n\r\n"
    )
    with booking_on_a_port(booking_env.settings) as url:
        port = int(url.rsplit(":", 1)[1])
        refused = post.format(path="/v1/appointments", auth="", n=100_000).encode()
        assert (await _answer_then_close(port, refused, b"{"))[0] == 401
        # Too large by its Content-Length, with 40 KB of it in the same packet as the head.
        too_large = post.format(path="/v1/appointments", auth=f"Authorization: Bearer {token}\r\n", n=10_000_000)
        assert (await _answer_then_close(port, too_large.encode(), b"[" * 40_000))[0] == 413
        control = post.format(path="/v1/appointments%01", auth=f"Authorization: Bearer {token}\r\n", n=100)
        assert (await _answer_then_close(port, control.encode(), b"{"))[0] == 422


async def test_a_head_too_large_or_not_http_is_answered_as_problem_json(booking_env: BookingEnv) -> None:
    with booking_on_a_port(booking_env.settings) as url:
        port = int(url.rsplit(":", 1)[1])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /v1/clinics HTTP/1.1\r\nHost: booking\r\nX-Big: ")
        with contextlib.suppress(OSError):
            for _ in range(100):  # 800 KB of one header, never ending: httptools would keep it all
                writer.write(b"a" * 8192)
                await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 431 ") and b"application/problem+json" in head
        assert json.loads(body)["code"] == "HEADERS_TOO_LARGE"

        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /v1/clinics HTTP/1.1\r\nHost: booking\r\nX-Bad\x01Name: y\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(), 5)
        writer.close()
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400 ") and b"application/problem+json" in head
        assert json.loads(body)["code"] == "MALFORMED_REQUEST"
        async with httpx.AsyncClient(base_url=url) as client:  # a long token and query still pass
            passed = await client.get("/v1/clinics", params={"q": "x" * 4000}, headers={"X-Long": "y" * 8000})
        assert passed.status_code == 200
