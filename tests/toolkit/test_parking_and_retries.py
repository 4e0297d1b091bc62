"""Poison and permanently failing messages are parked with their reason while good messages keep
flowing; a transiently failing handler succeeds on a later retry tier."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aio_pika
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.consumer import Consumer, Handler, HandlerContext
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.host import ConsumerHost
from shared.messaging.publisher import Publisher
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingFailed, ThingHappened, count_effects, effects, new_key, record_effect
from tests.support.waiting import wait_for


async def parked_messages(amqp_url: str, queue: str) -> list[aio_pika.abc.AbstractIncomingMessage]:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        q = await channel.declare_queue(queue, passive=True)
        found = []
        while (message := await q.get(no_ack=True, fail=False)) is not None:
            found.append(message)
        return found
    finally:
        await connection.close()


@asynccontextmanager
async def running_consumer(
    infra: Infra,
    url: str,
    engine: AsyncEngine,
    namespace: str,
    handlers: dict[type[Contract], Handler],
    max_attempts: int,
) -> AsyncIterator[tuple[Consumer, Publisher]]:
    """A consumer `things` of service `svc` with retry tiers of 1 and 2 s, ready; and a publisher."""
    settings = ServiceSettings(database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1, 2))
    messaging = Messaging(
        owners=None,
        settings=settings,
        service="svc",
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        run_relay=False,
    )
    consumer = messaging.consumer("things", handlers, max_attempts=max_attempts)
    await messaging.start()
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="test")
    try:
        assert messaging.host is not None
        host: ConsumerHost = messaging.host
        await wait_for(lambda: _true(host.ready))
        yield consumer, publisher
    finally:
        await publisher.close()
        await messaging.stop()


async def test_poison_permanent_and_transient(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    attempts: dict[str, int] = {}

    async def flaky(ctx: HandlerContext) -> None:
        message = ctx.message
        assert isinstance(message, ThingFailed)
        attempts[message.key] = attempts.get(message.key, 0) + 1
        if message.mode == "permanent":
            raise PermanentError("VAS said 400: the clinic does not exist")
        if message.mode == "crash":
            raise RuntimeError("bug in handler")
        fail_first = int(message.mode.split(":")[1])
        if attempts[message.key] <= fail_first:
            raise RuntimeError("blip")
        await record_effect(ctx)

    handlers: dict[type[Contract], Handler] = {ThingHappened: record_effect, ThingFailed: flaky}
    async with running_consumer(infra, url, engine, namespace, handlers, max_attempts=3) as (consumer, publisher):
        good = [new_key() for _ in range(200)]
        transient_key, permanent_key, crash_key = new_key(), new_key(), new_key()
        # Poison: not an envelope at all, and an envelope whose payload breaks the schema.
        await publisher.publish_message(
            aio_pika.Message(b"{not json", message_id=str(uuid.uuid4())),
            exchange=publisher.events_exchange,
            routing_key=ThingHappened.message_type,
        )
        bad_schema = Envelope(
            type=ThingHappened.message_type,
            version=1,
            correlation_id="c",
            traceparent="00-" + "a" * 32 + "-" + "b" * 16 + "-01",
            payload={"key": 42, "x": 1},
        )
        await publisher.publish(bad_schema)
        await publisher.publish(Envelope.wrap(ThingFailed(key=permanent_key, mode="permanent")))
        await publisher.publish(Envelope.wrap(ThingFailed(key=crash_key, mode="crash")))
        await publisher.publish(Envelope.wrap(ThingFailed(key=transient_key, mode="transient:2")))
        for key in good:
            await publisher.publish(Envelope.wrap(ThingHappened(key=key)))

        # Good messages are not held up behind the failing ones.
        await wait_for(lambda: _effects_at_least(engine, len(good)), timeout=20)
        # The transient one succeeds on its third attempt (after the 1 s and 2 s tiers).
        await wait_for(lambda: _has_effect(engine, transient_key), timeout=20)
        assert attempts[transient_key] == 3

        topo = consumer.topology

        async def four_parked() -> list[aio_pika.abc.AbstractIncomingMessage] | None:
            connection = await aio_pika.connect(infra.amqp_url)
            channel = await connection.channel()
            q = await channel.declare_queue(topo.parking, passive=True)
            count = q.declaration_result.message_count
            await connection.close()
            return await parked_messages(infra.amqp_url, topo.parking) if count == 4 else None

        parked = await wait_for(four_parked, timeout=30)
        assert parked is not None
        reasons = sorted(str((m.headers or {}).get("x-parked-reason")) for m in parked)
        assert reasons == ["attempts_exhausted", "invalid", "invalid", "permanent"]
        for message in parked:
            headers = message.headers or {}
            assert headers.get("x-last-error")
            assert headers.get("x-first-failure-at") and headers.get("x-last-failure-at")
            assert headers.get("x-original-queue") == topo.queue
            assert message.message_id
        by_reason = {str((m.headers or {})["x-parked-reason"]): m for m in parked}
        # Permanent errors are parked after one attempt, a crashing handler after the configured three.
        assert attempts[permanent_key] == 1
        assert attempts[crash_key] == 3
        assert by_reason["attempts_exhausted"].headers["x-attempt"] == 3
        assert b"VAS said 400" in str(by_reason["permanent"].headers["x-last-error"]).encode()

        rows, distinct, doubled = await count_effects(engine)
        assert (rows, distinct, doubled) == (len(good) + 1, len(good) + 1, 0)


async def _true(value: bool) -> bool:
    return value


async def _effects_at_least(engine: AsyncEngine, n: int) -> bool:
    rows, _, _ = await count_effects(engine)
    return rows >= n


async def _has_effect(engine: AsyncEngine, key: str) -> bool:
    async with engine.connect() as conn:
        found = await conn.execute(sa.select(effects.c.id).where(effects.c.key == key))
        return found.first() is not None


async def test_our_own_database_unavailable_is_retried_beyond_max_attempts_and_never_parked(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    attempts: dict[str, int] = {}

    async def database_down_for_a_while(ctx: HandlerContext) -> None:
        message = ctx.message
        assert isinstance(message, ThingFailed)
        attempts[message.key] = attempts.get(message.key, 0) + 1
        if attempts[message.key] <= 3:  # more failures than max_attempts allows
            raise sa_exc.OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
        await record_effect(ctx)

    handlers: dict[type[Contract], Handler] = {ThingFailed: database_down_for_a_while}
    async with running_consumer(infra, url, engine, namespace, handlers, max_attempts=2) as (_, publisher):
        key = new_key()
        await publisher.publish(Envelope.wrap(ThingFailed(key=key, mode="database")))
        await wait_for(lambda: _effects_at_least(engine, 1), timeout=30)
        assert attempts[key] == 4
        assert await parked_messages(infra.amqp_url, f"{namespace}.svc.things.parking") == []
