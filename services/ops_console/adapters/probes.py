"""The services as the console sees them: live, ready (with each check), version, uptime, and
figures from their /metrics (outbox backlog and oldest age, consumers, circuit state)."""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

# The metric families a service view shows, summed over their labels.
WATCHED = (
    "tidbok_outbox_backlog",
    "tidbok_outbox_oldest_age_seconds",
    "tidbok_vas_circuit_open",
    "tidbok_vas_feed_lag_seconds",
    "tidbok_consumers_attached",
    "tidbok_messages_parked_total",
    "tidbok_vas_poll_oldest_age_seconds",
    "process_start_time_seconds",
    "process_resident_memory_bytes",
)


@dataclass(frozen=True)
class ServiceView:
    name: str
    url: str
    live: bool
    ready: bool
    checks: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    version: str | None = None
    error: str | None = None

    @property
    def uptime_s(self) -> float | None:
        started = self.metrics.get("process_start_time_seconds")
        return time.time() - started if started else None

    def view(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "live": self.live,
            "ready": self.ready,
            "checks": self.checks,
            "version": self.version,
            "uptime_s": self.uptime_s,
            "metrics": self.metrics,
            "error": self.error,
        }


class Probes:
    def __init__(self, services: dict[str, str], *, timeout_s: float) -> None:
        self._services = services
        self._http = httpx.AsyncClient(timeout=timeout_s)

    async def all(self) -> list[ServiceView]:
        return list(await asyncio.gather(*(self.one(n, u) for n, u in sorted(self._services.items()))))

    async def one(self, name: str, url: str) -> ServiceView:
        try:
            live = (await self._http.get(f"{url}/livez")).status_code == 200
            readyz = await self._http.get(f"{url}/readyz")
            ready = readyz.json()
            metrics = await self._http.get(f"{url}/metrics")
            version = await self._version(url)
        except (httpx.HTTPError, ValueError) as exc:
            return ServiceView(name, url, live=False, ready=False, error=f"{type(exc).__name__}")
        return ServiceView(
            name,
            url,
            live=live,
            ready=bool(ready.get("ready")),
            checks=ready.get("checks") or {},
            metrics=watched(metrics.text),
            version=version,
        )

    async def _version(self, url: str) -> str | None:
        try:
            answer = await self._http.get(f"{url}/openapi.json")
            return str(answer.json()["info"]["version"]) if answer.status_code == 200 else None
        except (httpx.HTTPError, ValueError, KeyError):
            return None

    async def close(self) -> None:
        await self._http.aclose()


def watched(text: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name in WATCHED:
                found[sample.name] = found.get(sample.name, 0.0) + float(sample.value)
    return found
