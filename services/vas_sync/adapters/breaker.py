"""A circuit breaker that is also a gate for the consumer.

Closed: calls pass; `failure_threshold` failures in a row open it. Open: no calls; messages
wait at the gate (unacked, no database connection held) instead of cycling through the retry
tiers. After `probe_interval_s` it lets exactly one caller through as a probe (half-open); the
probe's success closes it and releases everyone, its failure opens it again. A `Retry-After`
from VAS opens it for at least that long, for every caller — VAS throttles the client, not the
request. Written here rather than taken from a library because the gate (wait until a probe
succeeded) is the part that matters and the libraries only fail fast.
"""

import asyncio
import time
from enum import StrEnum


class CircuitState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(self, *, failure_threshold: int = 5, probe_interval_s: float = 2.0, probe_timeout_s: float = 10.0):
        self.failure_threshold = failure_threshold
        self.probe_interval_s = probe_interval_s
        self.probe_timeout_s = probe_timeout_s
        self.state = CircuitState.CLOSED
        self.failures = 0
        self.opened_at: float | None = None
        self.last_error = ""
        self._open_until = 0.0
        self._probe_since: float | None = None
        self._closed = asyncio.Event()
        self._closed.set()

    def remaining_s(self) -> float:
        return max(self._open_until - time.monotonic(), 0.0) if self.state is not CircuitState.CLOSED else 0.0

    def allow(self) -> bool:
        """May a call go to VAS now? (In half-open only the probe's message got past the gate.)"""
        if self.state is CircuitState.OPEN:
            if time.monotonic() < self._open_until:
                return False
            self.state, self._probe_since = CircuitState.HALF_OPEN, time.monotonic()
        return True

    async def gate(self) -> None:
        """Wait until a call may go through (the consumer awaits this before each message)."""
        while True:
            if self.state is CircuitState.CLOSED:
                return
            now = time.monotonic()
            if self.state is CircuitState.OPEN and now >= self._open_until:
                self.state, self._probe_since = CircuitState.HALF_OPEN, now
                return  # this message is the probe
            if (
                self.state is CircuitState.HALF_OPEN
                and self._probe_since is not None
                and now - self._probe_since > self.probe_timeout_s
            ):
                self._probe_since = now
                return
            wait = max(self._open_until - now, 0.05) if self.state is CircuitState.OPEN else self.probe_interval_s
            try:
                await asyncio.wait_for(self._closed.wait(), timeout=wait)
            except TimeoutError:
                continue

    def success(self) -> None:
        self.failures = 0
        # Only the probe closes an open circuit: a call that was already under way when it opened
        # (e.g. beside the one VAS answered with Retry-After) must not release everyone early.
        if self.state is CircuitState.HALF_OPEN:
            self.state, self.opened_at, self._probe_since = CircuitState.CLOSED, None, None
            self._closed.set()

    def failure(self, error: str, *, retry_after_s: float | None = None) -> None:
        self.failures += 1
        self.last_error = error
        if retry_after_s is not None or self.state is CircuitState.HALF_OPEN or self.failures >= self.failure_threshold:
            self._open(retry_after_s)

    def _open(self, retry_after_s: float | None) -> None:
        now = time.monotonic()
        until = now + max(retry_after_s or 0.0, self.probe_interval_s)
        if self.state is not CircuitState.OPEN:
            self.opened_at = time.time()
        self.state, self._probe_since = CircuitState.OPEN, None
        self._open_until = max(self._open_until, until) if self._open_until > now else until
        self._closed.clear()
