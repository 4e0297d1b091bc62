"""Admission control in front of the booking API: a rush waits its turn instead of failing."""

import asyncio

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.web.admission import AdmissionMiddleware
from tests.support.waiting import wait_for


def _app(release: asyncio.Event, *, max_in_flight: int, queue_timeout_s: float) -> AdmissionMiddleware:
    async def slow(request: Request) -> JSONResponse:
        await release.wait()
        return JSONResponse({"ok": True})

    async def livez(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    inner = Starlette(routes=[Route("/v1/slots", slow), Route("/livez", livez)])
    return AdmissionMiddleware(inner, service="test", max_in_flight=max_in_flight, queue_timeout_s=queue_timeout_s)


async def _all_taken(app: AdmissionMiddleware) -> bool:
    """Every place inside is taken (the semaphore stands at zero)."""
    return bool(app.limit._value == 0)


async def test_requests_beyond_the_limit_wait_their_turn_and_are_served() -> None:
    release = asyncio.Event()
    app = _app(release, max_in_flight=2, queue_timeout_s=10)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        requests = [asyncio.create_task(client.get("/v1/slots")) for _ in range(6)]
        await wait_for(lambda: _all_taken(app), timeout=5, interval=0.01)  # two inside, four waiting
        release.set()
        answers = await asyncio.gather(*requests)
    assert [a.status_code for a in answers] == [200] * 6


async def test_a_request_that_never_gets_its_turn_is_refused_with_retry_after_and_health_is_not_queued() -> None:
    release = asyncio.Event()
    app = _app(release, max_in_flight=1, queue_timeout_s=0.2)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        inside = asyncio.create_task(client.get("/v1/slots"))
        await wait_for(lambda: _all_taken(app), timeout=5, interval=0.01)
        refused = await client.get("/v1/slots")
        alive = await client.get("/livez")
        release.set()
        assert (await inside).status_code == 200
    assert refused.status_code == 503
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == "5"
    assert refused.json()["code"] == "SERVICE_BUSY"
    assert alive.status_code == 200
