"""The operators' tool: lists what is parked (no bodies, personnummer masked), replays and discards."""

import asyncio

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.consumer import HandlerContext
from shared.messaging.envelope import Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.parking_cli import main
from shared.messaging.publisher import Publisher
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings
from tests.support.broker import queue_counts
from tests.support.infra import Infra
from tests.support.waiting import consumers_ready, wait_for
from tests.toolkit.effects import ThingHappened, count_effects, new_key, record_effect


async def test_list_replay_and_discard_from_the_command_line(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = messaging_db
    settings = ServiceSettings(database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1,))
    broken = {"on": True}

    async def handler(ctx: HandlerContext) -> None:
        if broken["on"]:
            raise PermanentError("VAS refused the booking of 19121212-1212: unknown clinic")
        await record_effect(ctx)

    messaging = Messaging(
        settings=settings, service="svc", engine=engine, sessionmaker=make_sessionmaker(engine), run_relay=False
    )
    consumer = messaging.consumer("things", {ThingHappened: handler})
    await messaging.start()
    publisher = Publisher(infra.amqp_url, namespace=namespace, name="test")
    queue = consumer.topology.queue

    async def cli(*args: str) -> str:
        capsys.readouterr()
        assert await asyncio.to_thread(main, [*args, "--amqp-url", infra.amqp_url]) == 0
        return capsys.readouterr().out

    try:
        await wait_for(lambda: consumers_ready(messaging))
        keep, drop = Envelope.wrap(ThingHappened(key=new_key())), Envelope.wrap(ThingHappened(key=new_key()))
        await publisher.publish(keep)
        await publisher.publish(drop)

        async def both_parked() -> bool:
            return (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 2

        await wait_for(both_parked, timeout=30)
        listed = await cli("list")  # found without naming the queue
        assert f"{queue}.parking: 2 message(s)" in listed
        assert str(keep.id) in listed and str(drop.id) in listed
        assert "reason=permanent" in listed and "unknown clinic" in listed
        assert "19121212-****" in listed and "19121212-1212" not in listed
        assert (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 2  # listing took nothing

        broken["on"] = False  # the operator fixed the cause
        assert f"discarded 1 message(s)\n  {drop.id}" in await cli("discard", "--queue", queue, "--id", str(drop.id))
        assert f"replayed 1 message(s)\n  {keep.id}" in await cli("replay", "--queue", queue)

        async def one_effect() -> bool:
            return (await count_effects(engine))[0] == 1

        await wait_for(one_effect, timeout=30)
        assert (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 0
        assert f"{queue}.parking" not in await cli("list")
    finally:
        await publisher.close()
        await messaging.stop()
