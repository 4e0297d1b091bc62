"""Broker connections force-closed twice during a 3,000-message stream: 0 lost, 0 double effects,
consumers back on every queue within 30 s, and /readyz red while they were missing."""

import asyncio
import time
from functools import partial

import httpx
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.health import database_check, health_router
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.messaging.runtime import Messaging
from shared.messaging.tables import outbox
from shared.settings import ServiceSettings
from tests.support.broker import queue_counts, settled
from tests.support.infra import Infra, close_connections
from tests.support.toolkit.effects import ThingHappened, count_effects, effect_recorder, new_key
from tests.support.waiting import wait_for

EVENTS = 3_000
CONSUMERS = ("alpha", "beta")


async def test_connections_closed_twice_during_stream(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    settings = ServiceSettings(
        database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1, 2), heartbeat_s=5
    )
    sessionmaker = make_sessionmaker(engine)
    messaging = Messaging(owners=None, settings=settings, service="svc", engine=engine, sessionmaker=sessionmaker)
    # alpha handles one message per transaction, beta batches up to 16: both must lose and double nothing.
    consumers = [
        messaging.consumer(name, {ThingHappened: effect_recorder(name)}, batch_size=1 if name == "alpha" else 16)
        for name in CONSUMERS
    ]
    app = FastAPI()
    app.include_router(health_router([database_check(engine), *messaging.readiness_checks()]))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")
    await messaging.start()
    readiness: list[tuple[float, int]] = []

    async def watch_readiness() -> None:
        while True:
            response = await client.get("/readyz")
            readiness.append((time.monotonic(), response.status_code))
            await asyncio.sleep(0.05)

    watcher = asyncio.create_task(watch_readiness())
    try:
        await wait_for(lambda: _status_is(client, 200), timeout=30)
        keys = [new_key() for _ in range(EVENTS)]

        async def stream() -> None:
            for start in range(0, EVENTS, 25):
                async with sessionmaker() as session, session.begin():
                    for key in keys[start : start + 25]:
                        await add_to_outbox(session, Envelope.wrap(ThingHappened(key=key)), namespace=namespace)
                await asyncio.sleep(0.01)

        streaming = asyncio.create_task(stream())
        recoveries = []
        for _ in range(2):
            await wait_for(lambda: _effects_grew(engine), timeout=30)
            closed_at = time.monotonic()
            await asyncio.to_thread(close_connections, infra, "reliability test")
            await wait_for(lambda: _status_is(client, 503), timeout=10, interval=0.02)
            await wait_for(lambda: _status_is(client, 200), timeout=30, interval=0.1)
            for consumer in consumers:
                _, attached = await queue_counts(infra.amqp_url, consumer.topology.queue)
                assert attached >= 1, f"{consumer.topology.queue} has no consumer"
            recoveries.append(time.monotonic() - closed_at)
        await streaming

        async def all_handled() -> bool:
            results = [await count_effects(engine, name) for name in CONSUMERS]
            return all(distinct == EVENTS for _, distinct, _ in results)

        await wait_for(all_handled, timeout=120, interval=0.2)
        for consumer in consumers:
            await wait_for(partial(settled, infra.amqp_url, consumer), timeout=30, interval=0.3)
        async with engine.connect() as conn:
            pending = await conn.scalar(sa.select(sa.func.count()).where(outbox.c.published_at.is_(None)))
        red = sum(1 for _, status in readiness if status == 503)
        print(f"\nconnection loss: recoveries_s={[round(r, 2) for r in recoveries]} readyz_red_samples={red}")
        assert pending == 0
        for name in CONSUMERS:
            rows, distinct, doubled = await count_effects(engine, name)
            print(f"  {name}: accepted={EVENTS} delivered={distinct} lost={EVENTS - distinct} duplicated={doubled}")
            assert (rows, distinct, doubled) == (EVENTS, EVENTS, 0)
        assert all(r < 30 for r in recoveries)
        assert messaging.host is not None
        assert messaging.host.connects >= 3
    finally:
        watcher.cancel()
        await client.aclose()
        await messaging.stop()


async def _status_is(client: httpx.AsyncClient, status: int) -> bool:
    return (await client.get("/readyz")).status_code == status


_seen: list[int] = []


async def _effects_grew(engine: AsyncEngine) -> bool:
    rows, _, _ = await count_effects(engine, CONSUMERS[0])
    grew = bool(_seen) and rows > _seen[-1] + 200
    if not _seen or grew:
        _seen.append(rows)
    return grew
