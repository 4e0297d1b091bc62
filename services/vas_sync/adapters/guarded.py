"""The VAS port behind the circuit breaker, with metrics: each call checks the breaker first and
tells it how it went. A refusal is an answer (VAS is up); only "unavailable" counts as failure."""

import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeVar

from prometheus_client import Counter, Gauge, Histogram

from services.vas_sync.adapters.breaker import CircuitBreaker, CircuitState
from services.vas_sync.domain.vas_port import (
    FreeTime,
    OurBooking,
    VasAnswerInvalid,
    VasAppointment,
    VasChangeFeed,
    VasFreeTimes,
    VasRefused,
    VasSchedule,
    VasUnavailable,
)
from services.vas_sync.domain.wanted import Wanted

VAS_CALLS = Counter("tidbok_vas_calls_total", "Calls to VAS by operation and outcome", ["operation", "outcome"])
VAS_LATENCY = Histogram(
    "tidbok_vas_call_seconds",
    "VAS call latency",
    ["operation"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
CIRCUIT = Gauge("tidbok_vas_circuit_open", "1 while the VAS circuit is open or half-open")

T = TypeVar("T")


class CircuitOpen(VasUnavailable):
    """Not sent: the circuit is open."""


class GuardedVas:
    def __init__(self, vas: VasSchedule, breaker: CircuitBreaker) -> None:
        self.vas = vas
        self.breaker = breaker
        self.keeps_reference = vas.keeps_reference

    async def _guard(self, operation: str, call: Callable[[], Awaitable[T]]) -> T:
        if not self.breaker.allow():
            VAS_CALLS.labels(operation, "circuit_open").inc()
            raise CircuitOpen("VAS circuit open", self.breaker.remaining_s())
        started = time.perf_counter()
        try:
            result = await call()
        except VasRefused:
            self.breaker.success()
            VAS_CALLS.labels(operation, "refused").inc()
            raise
        except VasAnswerInvalid:
            # VAS answered, if not as the contract allows: no outage that stopping every call would
            # cure (the message is tried a few times, then parked with the reason).
            self.breaker.success()
            VAS_CALLS.labels(operation, "invalid_answer").inc()
            raise
        except VasUnavailable as exc:
            self.breaker.failure(str(exc), retry_after_s=exc.retry_after_s)
            VAS_CALLS.labels(operation, type(exc).__name__).inc()
            raise
        finally:
            VAS_LATENCY.labels(operation).observe(time.perf_counter() - started)
            CIRCUIT.set(0 if self.breaker.state is CircuitState.CLOSED else 1)
        self.breaker.success()
        VAS_CALLS.labels(operation, "ok").inc()
        return result

    async def make(self, wanted: Wanted) -> VasAppointment:
        return await self._guard("make", lambda: self.vas.make(wanted))

    async def move(self, appointment_id: str, wanted: Wanted) -> VasAppointment:
        return await self._guard("update", lambda: self.vas.move(appointment_id, wanted))

    async def cancel(
        self, clinic_hsa_id: str, appointment_id: str, *, reason: str | None, by: str, subject: str | None = None
    ) -> None:
        await self._guard(
            "cancel", lambda: self.vas.cancel(clinic_hsa_id, appointment_id, reason=reason, by=by, subject=subject)
        )

    async def find(self, ours: OurBooking) -> list[VasAppointment]:
        return await self._guard("find", lambda: self.vas.find(ours))

    async def schedule_of(self, clinic_hsa_id: str, subject: str) -> list[VasAppointment] | None:
        return await self._guard("schedule_of", lambda: self.vas.schedule_of(clinic_hsa_id, subject))

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment] | None:
        return await self._guard("in_clinic", lambda: self.vas.in_clinic(clinic_hsa_id, start=start, end=end))

    @property
    def has_feed(self) -> bool:
        return isinstance(self.vas, VasChangeFeed)

    async def changes(self, *, after: int, limit: int) -> list[dict[str, object]]:
        feed = self.vas
        if not isinstance(feed, VasChangeFeed):
            raise VasUnavailable("this journal system offers no change feed")
        return await self._guard("changes", lambda: feed.changes(after=after, limit=limit))

    async def free_times(self, clinic_hsa_id: str, *, first_day: date, last_day: date) -> list[FreeTime]:
        source = self.vas
        if not isinstance(source, VasFreeTimes):
            raise VasUnavailable("this journal system is not asked for free times")
        return await self._guard(
            "free_times", lambda: source.free_times(clinic_hsa_id, first_day=first_day, last_day=last_day)
        )

    async def close(self) -> None:
        await self.vas.close()
