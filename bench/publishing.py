"""Concurrent publishers on one confirming channel while the event loop is busy: aio-pika's
`Exchange.publish` (the reference) beside `shared.messaging.sending.send`, in one run.

A service's event loop is rarely idle when it publishes: booking answers requests while its
relay publishes and it asks eligibility. aio-pika's publish holds the channel's lock until the
connection's writer has drained the socket, so concurrent publishers on one channel wait for each
other a few loop turns each; `send` queues its frames and waits only for the broker's confirm.

Each variant runs P publishers in a closed loop (publish, await the confirm, again) for S
seconds, beside B tasks that each burn 0.2 ms of CPU per loop turn (B = 0: an idle loop). The
variants alternate over the rounds; the table shows each round.

Settings (environment): BENCH_AMQP_URL, BENCH_PUBLISHING_SECONDS (5), BENCH_PUBLISHING_ROUNDS (2),
BENCH_PUBLISHING_PUBLISHERS (16), BENCH_PUBLISHING_BUSY ("0,20": the busy-task counts to run).
"""

import asyncio
import os
import time
import uuid
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel

from shared.messaging.sending import send

AMQP = os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
SECONDS = float(os.environ.get("BENCH_PUBLISHING_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_PUBLISHING_ROUNDS", "2"))
PUBLISHERS = int(os.environ.get("BENCH_PUBLISHING_PUBLISHERS", "16"))
BUSY = [int(b) for b in os.environ.get("BENCH_PUBLISHING_BUSY", "0,20").split(",")]
TURN_S = 0.0002  # CPU each busy task burns per loop turn
BODY = b"x" * 400  # about an event's envelope


async def _publish_aio_pika(channel: AbstractChannel, queue: str) -> None:
    await channel.default_exchange.publish(aio_pika.Message(body=BODY), routing_key=queue)


async def _publish_send(channel: AbstractChannel, queue: str) -> None:
    await send(channel, aio_pika.Message(body=BODY), routing_key=queue)


VARIANTS = {"aio-pika publish (reference)": _publish_aio_pika, "shared send": _publish_send}


async def _variant(name: str, busy: int) -> dict[str, Any]:
    publish = VARIANTS[name]
    connection = await aio_pika.connect(AMQP)
    try:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        # Bounded, so the broker keeps only the newest messages and nobody consumes.
        queue = await channel.declare_queue(
            f"bench.publishing.{uuid.uuid4().hex}", exclusive=True, arguments={"x-max-length": 1000}
        )
        stop = asyncio.Event()
        latencies: list[float] = []

        async def burn() -> None:
            while not stop.is_set():
                began = time.perf_counter()
                while time.perf_counter() - began < TURN_S:
                    pass
                await asyncio.sleep(0)

        async def publisher() -> None:
            while not stop.is_set():
                began = time.perf_counter()
                await publish(channel, queue.name)
                latencies.append(time.perf_counter() - began)

        tasks = [asyncio.create_task(burn()) for _ in range(busy)]
        tasks += [asyncio.create_task(publisher()) for _ in range(PUBLISHERS)]
        await asyncio.sleep(SECONDS)
        stop.set()
        await asyncio.gather(*tasks)
    finally:
        await connection.close()
    latencies.sort()
    return {
        "variant": name,
        "busy_tasks": busy,
        "publishes": len(latencies),
        "per_s": round(len(latencies) / SECONDS, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2),
    }


async def run() -> dict[str, Any]:
    rows = []
    for r in range(ROUNDS):
        for busy in BUSY:
            for name in VARIANTS:
                rows.append({"round": r + 1, **await _variant(name, busy)})
    return {
        "title": f"{PUBLISHERS} publishers on one confirming channel, {SECONDS:g} s each, beside busy tasks",
        "params": {"publishers": PUBLISHERS, "seconds": SECONDS, "rounds": ROUNDS, "busy": BUSY, "turn_s": TURN_S},
        "rows": rows,
    }
