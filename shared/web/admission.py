"""Admission control: at most N requests are worked on at once; the rest wait their turn.

Under a rush (every resident trying at the same minute) a process that starts every request at
once shares its one event loop between all of them: each gets slower, their database and
message-broker timeouts start counting while they wait for the loop, and requests fail that
would have succeeded a moment later. Letting a fixed number in at a time, first come first
served, keeps the ones inside fast; the others queue here, where waiting costs nothing. Only a
request that waited `queue_timeout_s` without getting in is refused, with 503 and Retry-After.
"""

import asyncio
import time

from prometheus_client import Gauge, Histogram
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.errors import CommonCode
from shared.problems import Problem, problem_response

IN_FLIGHT = Gauge("tidbok_http_in_flight", "Requests being worked on", ["service"])
QUEUED = Gauge("tidbok_http_queued", "Requests waiting for admission", ["service"])
QUEUE_WAIT = Histogram(
    "tidbok_http_admission_wait_seconds",
    "Time a request waited for admission",
    ["service"],
    buckets=(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
)

# Probes and metrics are never queued behind residents: a busy service is not a dead one.
UNLIMITED_PATHS = frozenset({"/livez", "/readyz", "/metrics"})


def overloaded(retry_after_s: int) -> Problem:
    return Problem.of(CommonCode.SERVICE_BUSY, headers={"Retry-After": str(retry_after_s)})


class AdmissionMiddleware:
    def __init__(self, app: ASGIApp, *, service: str, max_in_flight: int, queue_timeout_s: float) -> None:
        self.app = app
        self.limit = asyncio.Semaphore(max_in_flight)
        self.queue_timeout_s = queue_timeout_s
        self.in_flight = IN_FLIGHT.labels(service)
        self.queued = QUEUED.labels(service)
        self.wait = QUEUE_WAIT.labels(service)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        if self.limit.locked():
            if not await self._wait_for_a_place():
                await problem_response(overloaded(retry_after_s=5))(scope, receive, send)
                return
        else:
            # A place is free: taken at once, without the timer a wait needs (a task per request).
            await self.limit.acquire()
            self.wait.observe(0.0)
        self.in_flight.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight.dec()
            self.limit.release()

    async def _wait_for_a_place(self) -> bool:
        """Queue first come first served; False once `queue_timeout_s` has passed without a place."""
        arrived = time.perf_counter()
        self.queued.inc()
        try:
            await asyncio.wait_for(self.limit.acquire(), self.queue_timeout_s)
        except TimeoutError:
            return False
        finally:
            self.queued.dec()
        self.wait.observe(time.perf_counter() - arrived)
        return True
