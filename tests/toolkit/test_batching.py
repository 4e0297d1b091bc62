"""A consumer handling deliveries in batches keeps every per-message guarantee: each message's
effect exactly once (duplicates inside one batch included), a failing message retried or parked
on its own while the rest of its batch is handled once, and nothing left unacked."""

import asyncio
from collections.abc import Sequence
from functools import partial

from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.consumer import Batched, HandlerContext
from shared.messaging.envelope import Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.publisher import Publisher
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings
from tests.support.broker import get_all, queue_counts, settled
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingFailed, ThingHappened, count_effects, effects, new_key, record_effect
from tests.support.waiting import wait_for

GOOD = 600


async def test_batches_keep_per_message_guarantees(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    settings = ServiceSettings(database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1, 2))
    batch_sizes: list[int] = []
    attempts: dict[str, int] = {}

    async def record_many(contexts: Sequence[HandlerContext]) -> None:
        batch_sizes.append(len(contexts))
        rows = []
        for ctx in contexts:
            assert isinstance(ctx.message, ThingHappened)
            rows.append({"key": ctx.message.key, "consumer": "main"})
        await contexts[0].session.execute(effects.insert(), rows)

    async def flaky(ctx: HandlerContext) -> None:
        assert isinstance(ctx.message, ThingFailed)
        attempts[ctx.message.key] = attempts.get(ctx.message.key, 0) + 1
        if ctx.message.mode == "permanent":
            raise PermanentError("the clinic does not exist")
        if attempts[ctx.message.key] <= 2:
            raise RuntimeError("blip")
        await record_effect(ctx)

    messaging = Messaging(
        owners=None,
        settings=settings,
        service="svc",
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        run_relay=False,
    )
    consumer = messaging.consumer(
        "things", {ThingHappened: Batched(record_many), ThingFailed: flaky}, max_attempts=3, batch_size=16
    )
    await messaging.start()
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="test")
    try:
        assert messaging.host is not None
        host = messaging.host
        await wait_for(lambda: _true(host.ready))
        good = [Envelope.wrap(ThingHappened(key=new_key())) for _ in range(GOOD)]
        permanent, transient = new_key(), new_key()
        failing = {
            100: Envelope.wrap(ThingFailed(key=permanent, mode="permanent")),
            300: Envelope.wrap(ThingFailed(key=transient, mode="transient")),
        }
        sends = []
        for i, envelope in enumerate(good):
            sends.append(envelope)
            if i % 10 == 0:
                sends.append(envelope)  # the same message again, right behind: often in the same batch
            if i in failing:
                sends.append(failing[i])
        await asyncio.gather(*(publisher.publish(envelope) for envelope in sends))

        async def all_handled() -> bool:
            _, distinct, _ = await count_effects(engine)
            return distinct == GOOD + 1  # the good ones and the transient one

        await wait_for(all_handled, timeout=60, interval=0.2)
        await wait_for(partial(settled, infra.amqp_url, consumer), timeout=30, interval=0.3)

        rows, distinct, doubled = await count_effects(engine)
        print(
            f"\nbatching: sent={len(sends)} effects={rows} doubled={doubled} "
            f"batches_of_good={len(batch_sizes)} largest={max(batch_sizes)} attempts={attempts}"
        )
        assert (rows, distinct, doubled) == (GOOD + 1, GOOD + 1, 0)
        assert max(batch_sizes) > 1, "the batched handler never got more than one message"
        # A failing message is tried in its batch (rolled back), then on its own: the permanent one
        # is parked after that one counted attempt; the transient one fails again on its own, goes
        # through a retry tier and succeeds on its third call.
        assert attempts == {permanent: 2, transient: 3}
        parked = await get_all(infra.amqp_url, consumer.topology.parking)
        assert [(m.headers or {}).get("x-parked-reason") for m in parked] == ["permanent"]
        assert [(m.headers or {}).get("x-attempt") for m in parked] == [1]
        # Nothing left unacked or waiting on the queue.
        assert await queue_counts(infra.amqp_url, consumer.topology.queue) == (0, 1)
    finally:
        await publisher.close()
        await messaging.stop()


async def _true(value: bool) -> bool:
    return value
