"""The relay's housekeeping (the backlog metrics and pruning published rows past retention) runs
on a clock, not once every few batches: under a stream of bookings the relay wakes for nearly
every one, and the prune scans every retained row (91 ms over 350,000 rows, docs/benchmarks.md)."""

import asyncio
from datetime import timedelta

import aio_pika
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.messaging.publisher import Publisher
from shared.messaging.relay import OutboxRelay
from shared.messaging.tables import outbox
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingHappened, new_key
from tests.support.waiting import wait_for


class CountingRelay(OutboxRelay):
    prunes = 0

    async def _prune(self) -> None:
        self.prunes += 1
        await super()._prune()


async def _relay_a_stream(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], every_s: float, done: str
) -> int:
    """30 bookings' worth of single-row transactions, each waking the relay; the prunes it made."""
    url, engine = messaging_db
    sessionmaker = make_sessionmaker(engine)
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="housekeeping-test")
    relay = CountingRelay(
        engine=engine,
        publisher=publisher,
        database_url=url,
        batch_size=5,
        poll_interval_s=0.05,
        retention=timedelta(0),
        housekeeping_interval_s=every_s,
    )
    broker = await aio_pika.connect(infra.amqp_url)
    channel = await broker.channel()
    events = await channel.declare_exchange(f"{namespace}.events", aio_pika.ExchangeType.TOPIC, durable=True)
    sink = await channel.declare_queue(f"{namespace}.housekeeping-sink", auto_delete=True)
    await sink.bind(events, "#")
    running = asyncio.create_task(relay.run())
    try:
        for _ in range(30):  # one transaction at a time: the relay wakes for each
            async with sessionmaker() as session, session.begin():
                await add_to_outbox(session, Envelope.wrap(ThingHappened(key=new_key())), namespace=namespace)
            await asyncio.sleep(0.02)

        async def finished() -> bool:
            async with engine.connect() as conn:
                if done == "published":
                    where = outbox.c.published_at.is_(None)
                    return not await conn.scalar(sa.select(sa.func.count()).select_from(outbox).where(where))
                return not await conn.scalar(sa.select(sa.func.count()).select_from(outbox))

        await wait_for(finished, timeout=15)
        await asyncio.sleep(1)  # a second more of waking and polling
        return relay.prunes
    finally:
        relay.request_stop()
        await asyncio.wait_for(running, timeout=10)
        await publisher.close()
        await broker.close()


async def test_a_stream_of_batches_does_not_prune_per_batch(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    # The relay woke for each of 30 transactions and polled every 50 ms for over a second: the
    # old relay pruned every tenth pass; on a one-minute clock it prunes once, at its start.
    assert await _relay_a_stream(infra, namespace, messaging_db, 60.0, "published") == 1


async def test_published_rows_past_retention_are_pruned_on_the_clock(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    assert await _relay_a_stream(infra, namespace, messaging_db, 0.3, "pruned") >= 2
