"""A small HTTP load generator, two ways. Closed loop: N clients, each sending its next request as
soon as the previous one answered (throughput at saturation). Open loop: requests at a fixed
arrival rate whatever the answers do, each timed from when it was due (the latency a resident
sees at that load, without the coordinated omission of a closed loop). The same generator drives
every variant of a benchmark."""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp


@dataclass
class LoadResult:
    requests: int = 0
    elapsed_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed_s if self.elapsed_s else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


Request = tuple[str, str, dict[str, Any], dict[str, str]]  # method, url, json body, headers


async def run_load(requests: Callable[[int], Request], *, total: int, clients: int) -> LoadResult:
    """Send `total` requests (request i built by `requests(i)`) from `clients` concurrent clients."""
    result = LoadResult()
    counter = iter(range(total))
    connector = aiohttp.TCPConnector(limit=clients, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def client() -> None:
            for i in counter:
                method, url, body, headers = requests(i)
                started = time.perf_counter()
                async with session.request(method, url, json=body, headers=headers) as response:
                    await response.read()
                    status = response.status
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.statuses[status] = result.statuses.get(status, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        result.elapsed_s = time.perf_counter() - began
    result.requests = total
    return result


async def run_open_loop(
    requests: Callable[[int], Request], *, total: int, rate: float, max_in_flight: int = 2048
) -> LoadResult:
    """Send `total` requests at `rate` per second, request i due at i / rate. A request's latency
    runs from when it was due, so a server that falls behind is charged for the wait too."""
    result = LoadResult()
    connector = aiohttp.TCPConnector(limit=max_in_flight, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(i: int, due: float) -> None:
            method, url, body, headers = requests(i)
            try:
                async with session.request(method, url, json=body, headers=headers) as response:
                    await response.read()
                    status = response.status
            except aiohttp.ClientError:
                status = 0  # no answer (refused or reset): counted, not fatal to the run
            result.latencies_ms.append((time.perf_counter() - due) * 1000)
            result.statuses[status] = result.statuses.get(status, 0) + 1

        began = time.perf_counter()
        pending = []
        for i in range(total):
            due = began + i / rate
            wait = due - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            pending.append(asyncio.create_task(one(i, due)))
        await asyncio.gather(*pending)
        result.elapsed_s = time.perf_counter() - began
    result.requests = total
    return result
