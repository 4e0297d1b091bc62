"""A handler on the driver connection (`OnDriver`): BEGIN and the inbox row go in one round trip,
its statements run on asyncpg, its events commit without NOTIFY and the consumer wakes its own
relay — and every guarantee of the consumer holds: one effect per message whatever the broker
redelivers, a failure rolls back everything (effect, event and inbox row) and parks or retries."""

import asyncio
import uuid
from functools import partial
from typing import cast

import asyncpg
import pytest
import sqlalchemy as sa
from aio_pika.abc import AbstractIncomingMessage
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import asyncpg_dsn, make_engine, make_sessionmaker
from shared.messaging.consumer import Consumer, DriverContext, Handler, OnDriver
from shared.messaging.envelope import Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.inbox import opening_record, opening_records
from shared.messaging.publisher import Publisher
from shared.messaging.runtime import Messaging
from shared.messaging.tables import OUTBOX_CHANNEL, inbox, outbox
from shared.messaging.topology import ConsumerTopology
from shared.settings import ServiceSettings
from tests.support.broker import get_all, settled
from tests.support.infra import Infra
from tests.support.toolkit.effects import (
    ThingFailed,
    ThingHappened,
    count_effects,
    effect_recorder,
    new_key,
    record_effect,
)
from tests.support.waiting import wait_for

N = 60


async def record_and_echo(ctx: DriverContext) -> None:
    assert isinstance(ctx.message, ThingHappened)
    await ctx.db.execute("INSERT INTO effects (key, consumer) VALUES ($1, 'main')", ctx.message.key)
    await ctx.emit(ThingFailed(key=ctx.message.key, mode="echo"))
    if ctx.message.key.startswith("refused-"):
        raise PermanentError("the clinic does not exist")


def _messaging(infra: Infra, namespace: str, url: str, engine: AsyncEngine) -> Messaging:
    # The relay's poll is a minute away: only a NOTIFY or the consumer's wake-up publishes sooner.
    settings = ServiceSettings(
        database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1, 2), outbox_poll_interval_s=60
    )
    return Messaging(
        owners=None, settings=settings, service="svc", engine=engine, sessionmaker=make_sessionmaker(engine)
    )


async def _started(messaging: Messaging) -> None:
    await messaging.start()
    host = messaging.host
    assert host is not None

    async def ready() -> bool:
        return host.ready

    await wait_for(ready)


async def test_a_driver_handler_keeps_the_consumers_guarantees(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    messaging = _messaging(infra, namespace, url, engine)
    consumer = messaging.consumer("things", {ThingHappened: OnDriver(record_and_echo)})
    echoes = messaging.consumer("echoes", {ThingFailed: effect_recorder("echo")})
    notified: list[str] = []
    listener = await asyncpg.connect(asyncpg_dsn(url))
    await listener.add_listener(OUTBOX_CHANNEL, lambda *args: notified.append(str(args[-1])))
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="test")
    try:
        await _started(messaging)
        good = [Envelope.wrap(ThingHappened(key=new_key())) for _ in range(N)]
        refused = Envelope.wrap(ThingHappened(key=f"refused-{new_key()}"))
        # Every message twice (the second often in flight beside the first), the refused one once.
        await asyncio.gather(*(publisher.publish(e) for e in [*good, *good, refused]))

        async def echoed() -> bool:
            return (await count_effects(engine, "echo"))[1] == N

        await wait_for(echoed, timeout=30, interval=0.1)  # well before the relay's poll
        await wait_for(partial(settled, infra.amqp_url, consumer), timeout=30, interval=0.2)
        await wait_for(partial(settled, infra.amqp_url, echoes), timeout=30, interval=0.2)

        assert await count_effects(engine, "main") == (N, N, 0)  # once each, the refused one not at all
        assert await count_effects(engine, "echo") == (N, N, 0)
        async with engine.connect() as conn:
            events = (await conn.execute(sa.select(outbox.c.body, outbox.c.published_at))).all()
            consumed = (await conn.execute(sa.select(inbox.c.message_id).where(inbox.c.consumer == "svc.things"))).all()
        assert len(events) == N and all(published for _, published in events)
        assert refused.id not in {row[0] for row in consumed}  # its inbox row rolled back with the rest
        assert {row[0] for row in consumed} == {e.id for e in good}
        assert notified == []  # the driver handler's commits raised no NOTIFY: the consumer woke the relay
        parked = await get_all(infra.amqp_url, consumer.topology.parking)
        assert [(m.message_id, (m.headers or {}).get("x-parked-reason")) for m in parked] == [
            (str(refused.id), "permanent")
        ]
    finally:
        await listener.close()
        await publisher.close()
        await messaging.stop()


@pytest.mark.parametrize(
    ("consumer", "message_type"),
    [("svc.things'; DROP TABLE inbox; --", "test.thing.happened"), ("svc.things", "x') ON CONFLICT DO NOTHING; --")],
)
def test_the_inbox_row_sent_with_begin_takes_no_text_that_could_leave_its_literal(
    consumer: str, message_type: str
) -> None:
    with pytest.raises(ValueError, match="not a consumer name or message type"):
        opening_record(consumer=consumer, message_id=uuid.uuid4(), message_type=message_type)


async def test_a_batch_of_new_messages_runs_on_the_driver_connection_with_every_guarantee(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    """A batching consumer whose handlers are `OnDriver`: a batch of new messages is one driver
    transaction opened with all its inbox rows (quiet outbox, so no NOTIFY); a batch holding a
    message seen before is handled the general way; a failing message still rolls back its batch
    and is parked alone."""
    url, engine = messaging_db
    messaging = _messaging(infra, namespace, url, engine)
    seen: list[tuple[str, int, str | None]] = []

    async def record(ctx: DriverContext) -> None:
        seen.append(
            (
                ctx.message.key,  # type: ignore[attr-defined]
                await ctx.db.fetchval("SELECT txid_current()"),
                await ctx.db.fetchval("SELECT current_setting('tidbok.outbox_notify', true)"),
            )
        )
        await record_and_echo(ctx)

    consumer = messaging.consumer("things", {ThingHappened: OnDriver(record)}, batch_size=16)
    echoes = messaging.consumer("echoes", {ThingFailed: effect_recorder("echo")})
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="test")
    try:
        await _started(messaging)
        good = [Envelope.wrap(ThingHappened(key=new_key())) for _ in range(N)]
        refused = Envelope.wrap(ThingHappened(key=f"refused-{new_key()}"))
        await asyncio.gather(*(publisher.publish(e) for e in good[: N // 2]))
        await publisher.publish(refused)
        # The rest, each twice: some batches hold a message already handled.
        await asyncio.gather(*(publisher.publish(e) for e in [*good[N // 2 :], *good[N // 2 :]]))

        async def echoed() -> bool:
            return (await count_effects(engine, "echo"))[1] == N

        await wait_for(echoed, timeout=30, interval=0.1)
        await wait_for(partial(settled, infra.amqp_url, consumer), timeout=30, interval=0.2)
        await wait_for(partial(settled, infra.amqp_url, echoes), timeout=30, interval=0.2)

        assert await count_effects(engine, "main") == (N, N, 0)
        assert await count_effects(engine, "echo") == (N, N, 0)
        on_driver: dict[int, set[str]] = {}
        for key, txid, quiet in seen:
            if quiet == "off":
                on_driver.setdefault(txid, set()).add(key)
        assert max(len(keys) for keys in on_driver.values()) > 1, "no batch of several ran on the driver connection"
        async with engine.connect() as conn:
            consumed = (await conn.execute(sa.select(inbox.c.message_id).where(inbox.c.consumer == "svc.things"))).all()
        assert {row[0] for row in consumed} == {e.id for e in good}
        parked = await get_all(infra.amqp_url, consumer.topology.parking)
        assert [(m.message_id, (m.headers or {}).get("x-parked-reason")) for m in parked] == [
            (str(refused.id), "permanent")
        ]
    finally:
        await publisher.close()
        await messaging.stop()


def test_one_statement_records_a_batch_and_refuses_text_that_could_leave_its_literal() -> None:
    ids = [uuid.uuid4(), uuid.uuid4()]
    statement, all_new = opening_records("svc.things", [(ids[0], "test.a"), (ids[1], "test.b")])
    assert all_new == "INSERT 0 2"
    assert f"('svc.things', '{ids[0]}', 'test.a'), ('svc.things', '{ids[1]}', 'test.b')" in statement
    with pytest.raises(ValueError, match="not a consumer name or message type"):
        opening_records("svc.things", [(ids[0], "test.a"), (ids[1], "x'), ('a")])


class _Delivery:
    """Just enough of a broker delivery for `Consumer.handle_one`."""

    def __init__(self, body: bytes, *, redelivered: bool) -> None:
        self.body = body
        self.headers: dict[str, object] = {}
        self.redelivered = redelivered
        self.message_id: str | None = None
        self.type: str | None = None
        self.user_id: str | None = None
        self.acked = False

    async def ack(self, multiple: bool = False) -> None:
        self.acked = True

    async def nack(self, requeue: bool = True) -> None:
        pass


async def _record_on_driver(ctx: DriverContext) -> None:
    assert isinstance(ctx.message, ThingHappened)
    await ctx.db.execute("INSERT INTO effects (key, consumer) VALUES ($1, 'main')", ctx.message.key)


@pytest.mark.parametrize(
    "handler", [OnDriver(_record_on_driver), record_effect], ids=["on the driver connection", "on SQLAlchemy's"]
)
async def test_a_message_cancelled_while_its_begin_is_on_the_wire_is_handled_when_redelivered(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], handler: Handler
) -> None:
    """The channel closes mid-message (a broker restart, a missed heartbeat): aiormq cancels the
    handler, possibly while BEGIN with the inbox row is still on the wire. The redelivery must
    find the message unhandled — not its inbox row committed by whichever transaction used the
    connection next, so that it is acked as a duplicate with nothing done."""
    url, _ = messaging_db
    engine = make_engine(url, pool_size=1)
    consumer = Consumer(
        topology=ConsumerTopology(namespace=namespace, service="svc", consumer="things", routing_keys=("x",)),
        handlers={ThingHappened: handler},
        engine=engine,
        publisher=Publisher(infra.amqp_url, namespace=namespace, name="unused"),
        outbox_committed=lambda: None,
    )
    try:
        sent = 0
        for steps in range(1, 25):
            body = Envelope.wrap(ThingHappened(key=new_key())).to_json()
            sent += 1
            first = asyncio.create_task(
                consumer.handle_one(cast(AbstractIncomingMessage, _Delivery(body, redelivered=False)))
            )
            for _ in range(steps):
                await asyncio.sleep(0)
            first.cancel()  # not acked: the broker delivers it again
            await asyncio.gather(first, return_exceptions=True)
            again = _Delivery(body, redelivered=True)
            await consumer.handle_one(cast(AbstractIncomingMessage, again))
            assert again.acked
        _, distinct, _ = await count_effects(engine)
        assert distinct == sent, f"{sent - distinct} of {sent} messages acked without their effect"
    finally:
        await engine.dispose()
