"""Looking at queues from a test, the way an operator would."""

from typing import Any

import aio_pika
from yarl import URL

from shared.contracts.owners import OWNER_OF_TYPE
from shared.messaging.consumer import Consumer
from shared.messaging.envelope import Envelope
from shared.messaging.identities import broker_user, development_password
from shared.messaging.publisher import Publisher
from shared.metrics import CONSUMED


async def queue_counts(amqp_url: str, queue: str) -> tuple[int, int]:
    """(messages ready + unacked, consumers) of a queue, from a passive declare."""
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        result = declared.declaration_result
        return int(result.message_count or 0), int(result.consumer_count or 0)
    finally:
        await connection.close()


async def queue_drained(amqp_url: str, queue: str) -> bool:
    messages, _ = await queue_counts(amqp_url, queue)
    return messages == 0


async def get_all(amqp_url: str, queue: str) -> list[aio_pika.abc.AbstractIncomingMessage]:
    """Take every message off a queue (acking them)."""
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        declared = await channel.declare_queue(queue, passive=True)
        found = []
        while (message := await declared.get(no_ack=True, fail=False)) is not None:
            found.append(message)
        return found
    finally:
        await connection.close()


def consumed_total(consumer: Consumer) -> float:
    return float(sum(CONSUMED.labels(consumer.name, outcome)._value.get() for outcome in OUTCOMES))


OUTCOMES = ("handled", "duplicate", "retried", "parked", "deferred", "requeued")
_last_seen: dict[str, float] = {}


async def settled(amqp_url: str, consumer: Consumer) -> bool:
    """True once the queue is empty and the consumer handled nothing since the previous call."""
    total = consumed_total(consumer)
    previous = _last_seen.get(consumer.name)
    _last_seen[consumer.name] = total
    return previous == total and await queue_drained(amqp_url, consumer.topology.queue)


class OwnerPublisher:
    """Publishes each message as the service that owns its type would (its own broker login), the
    way a test stands in for booking, VAS sync or eligibility."""

    def __init__(self, amqp_url: str, namespace: str) -> None:
        """`amqp_url`: the broker and vhost (any login); each service's development login is used."""
        self._broker = URL(amqp_url)
        self._namespace = namespace
        self._publishers: dict[str, Publisher] = {}

    def as_service(self, service: str) -> Publisher:
        if service not in self._publishers:
            url = self._broker.with_user(broker_user(service)).with_password(development_password(service))
            self._publishers[service] = Publisher(str(url), namespace=self._namespace, name=f"test-as-{service}")
        return self._publishers[service]

    async def publish(self, envelope: Envelope, **kwargs: Any) -> None:
        await self.as_service(OWNER_OF_TYPE[envelope.type]).publish(envelope, **kwargs)

    async def close(self) -> None:
        for publisher in self._publishers.values():
            await publisher.close()
