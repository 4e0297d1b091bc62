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


async def test_a_stream_of_batches_prunes_on_the_clock_not_per_batch(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
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
        housekeeping_interval_s=1.5,
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
            await asyncio.sleep(0.01)

        async def all_gone() -> bool:  # published, then pruned (retention 0) on the clock
            async with engine.connect() as conn:
                return not await conn.scalar(sa.select(sa.func.count()).select_from(outbox))

        await wait_for(all_gone, timeout=10)
        assert relay.prunes <= 1 + 10 / 1.5  # a clock tick, never once per few batches of 30
        assert relay.prunes >= 2
    finally:
        relay.request_stop()
        await asyncio.wait_for(running, timeout=10)
        await publisher.close()
        await broker.close()
