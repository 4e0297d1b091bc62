"""A consumer whose handler fails for good until the operator fixes the cause, with two
messages already parked: what the parking tests start from."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.consumer import Consumer, HandlerContext
from shared.messaging.envelope import Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.publisher import Publisher
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings
from tests.support.broker import queue_counts
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingHappened, new_key, record_effect
from tests.support.waiting import consumers_ready, wait_for


@dataclass
class Parked:
    consumer: Consumer
    publisher: Publisher
    keep: Envelope
    drop: Envelope
    broken: dict[str, bool]  # shared with the handler

    def fix(self) -> None:
        """The operator fixed the cause: the handler succeeds from now on."""
        self.broken["on"] = False


@asynccontextmanager
async def two_parked(
    infra: Infra, namespace: str, engine_url: str, engine: AsyncEngine, error: str, *, senders_checked: bool = False
) -> AsyncIterator[Parked]:
    """With `senders_checked`, the consumer runs as booking (its own broker login), takes the test
    type only from VAS sync, and the messages are published with VAS sync's login."""
    consumer_login, publisher_login = (
        (infra.amqp_url_for("booking"), infra.amqp_url_for("vas_sync")) if senders_checked else (infra.amqp_url,) * 2
    )
    settings = ServiceSettings(
        database_url=engine_url, amqp_url=consumer_login, namespace=namespace, retry_delays_s=(1,)
    )
    broken = {"on": True}

    async def handler(ctx: HandlerContext) -> None:
        if broken["on"]:
            raise PermanentError(error)
        await record_effect(ctx)

    messaging = Messaging(
        owners={ThingHappened.message_type: "vas_sync"} if senders_checked else None,
        settings=settings,
        service="booking" if senders_checked else "svc",
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        run_relay=False,
    )
    consumer = messaging.consumer("things", {ThingHappened: handler})
    await messaging.start()
    publisher = Publisher(publisher_login, namespace=namespace, name="test")
    try:
        await wait_for(lambda: consumers_ready(messaging))
        parked = Parked(
            consumer,
            publisher,
            keep=Envelope.wrap(ThingHappened(key=new_key())),
            drop=Envelope.wrap(ThingHappened(key=new_key())),
            broken=broken,
        )
        await publisher.publish(parked.keep)
        await publisher.publish(parked.drop)

        async def both_parked() -> bool:
            return (await queue_counts(infra.amqp_url, consumer.topology.parking))[0] == 2

        await wait_for(both_parked, timeout=30)
        yield parked
    finally:
        await publisher.close()
        await messaging.stop()
