"""A parked message replayed from parking keeps its id and has exactly one effect, even when
replayed twice; a discarded one is gone without effect."""

import aio_pika
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.consumer import HandlerContext
from shared.messaging.envelope import Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.parking import ParkingLot
from shared.messaging.publisher import Publisher
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings
from tests.support.broker import queue_counts, settled
from tests.support.infra import Infra
from tests.support.waiting import consumers_ready, wait_for
from tests.toolkit.effects import ThingHappened, count_effects, new_key, record_effect


async def test_replay_and_discard(infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]) -> None:
    url, engine = messaging_db
    settings = ServiceSettings(database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1,))
    broken = {"on": True}

    async def handler(ctx: HandlerContext) -> None:
        if broken["on"]:
            raise PermanentError("VAS answered 422: unknown clinic")
        await record_effect(ctx)

    messaging = Messaging(
        settings=settings, service="svc", engine=engine, sessionmaker=make_sessionmaker(engine), run_relay=False
    )
    consumer = messaging.consumer("things", {ThingHappened: handler})
    await messaging.start()
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="test")
    lot = ParkingLot(infra.amqp_url, queue=consumer.topology.queue, parking=consumer.topology.parking)
    try:
        await wait_for(lambda: consumers_ready(messaging))
        keep, drop = Envelope.wrap(ThingHappened(key=new_key())), Envelope.wrap(ThingHappened(key=new_key()))
        await publisher.publish(keep)
        await publisher.publish(drop)

        async def both_parked() -> bool:
            return (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 2

        await wait_for(both_parked, timeout=30)
        listed = await lot.peek()
        assert {p.message_id for p in listed} == {str(keep.id), str(drop.id)}
        assert all(p.reason == "permanent" and "unknown clinic" in p.error for p in listed)
        assert (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 2  # listing took nothing

        broken["on"] = False  # the operator fixed the cause
        assert [p.message_id for p in await lot.discard(str(drop.id))] == [str(drop.id)]
        replayed = await lot.replay(str(keep.id))
        assert [p.message_id for p in replayed] == [str(keep.id)]

        async def one_effect() -> bool:
            return (await count_effects(engine))[0] == 1

        await wait_for(one_effect, timeout=30)
        # A second replay of the same message (e.g. a copy parked twice) has no second effect.
        await publisher.publish_message(
            aio_pika.Message(keep.to_json(), message_id=str(keep.id), type=keep.type),
            exchange="",
            routing_key=consumer.topology.queue,
        )
        await wait_for(lambda: settled(infra.amqp_url, consumer), timeout=30, interval=0.3)
        assert await count_effects(engine) == (1, 1, 0)
        assert (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 0
    finally:
        await publisher.close()
        await messaging.stop()
