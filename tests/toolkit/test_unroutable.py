"""Unroutable publish (binding removed): the outbox row stays pending with the reason, and is
delivered once — and only once — when the binding is back."""

import aio_pika
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.messaging.runtime import Messaging
from shared.messaging.tables import outbox
from shared.messaging.topology import events_exchange_name
from shared.settings import ServiceSettings
from tests.support.broker import settled
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingHappened, count_effects, new_key, record_effect
from tests.support.waiting import wait_for


async def test_unroutable_stays_pending_until_binding_returns(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    settings = ServiceSettings(
        database_url=url, amqp_url=infra.amqp_url, namespace=namespace, outbox_poll_interval_s=0.2
    )
    sessionmaker = make_sessionmaker(engine)
    messaging = Messaging(owners=None, settings=settings, service="svc", engine=engine, sessionmaker=sessionmaker)
    consumer = messaging.consumer("things", {ThingHappened: record_effect})
    await messaging.start()
    connection = await aio_pika.connect(infra.amqp_url)
    try:
        assert messaging.host is not None
        host = messaging.host

        async def ready() -> bool:
            return host.ready

        await wait_for(ready)
        channel = await connection.channel()
        queue = await channel.declare_queue(consumer.topology.queue, passive=True)
        exchange = events_exchange_name(namespace)
        await queue.unbind(exchange, ThingHappened.message_type)

        envelope = Envelope.wrap(ThingHappened(key=new_key()))
        async with sessionmaker() as session, session.begin():
            await add_to_outbox(session, envelope, namespace=namespace)

        async def refused_at_least_twice() -> bool:
            async with engine.connect() as conn:
                row = (await conn.execute(sa.select(outbox).where(outbox.c.id == envelope.id))).one()
            return row.published_at is None and row.attempts >= 2 and "unroutable" in (row.last_error or "")

        await wait_for(refused_at_least_twice, timeout=30)
        assert await count_effects(engine) == (0, 0, 0)

        await queue.bind(exchange, ThingHappened.message_type)

        async def delivered() -> bool:
            return (await count_effects(engine))[0] == 1

        await wait_for(delivered, timeout=60)
        await wait_for(lambda: settled(infra.amqp_url, consumer), timeout=30, interval=0.3)
        async with engine.connect() as conn:
            row = (await conn.execute(sa.select(outbox).where(outbox.c.id == envelope.id))).one()
        assert row.published_at is not None
        assert row.last_error is None
        assert await count_effects(engine) == (1, 1, 0)
    finally:
        await connection.close()
        await messaging.stop()
