"""Queue topology, declared in code and idempotently by every service at start-up.

Naming scheme (``ns`` is the namespace, ``tidbok`` in production):

- ``{ns}.events`` — topic exchange for every event; the routing key is the message type.
- ``{ns}.{service}.{consumer}`` — one durable quorum queue per consumer.
- ``{ns}.{service}.{consumer}.retry.{N}s`` — delay tiers: a message waits N seconds there
  (queue TTL) and dead-letters back into the consumer queue.
- ``{ns}.{service}.{consumer}.parking`` — messages that failed for good, with the reason;
  operations replay (same message id) or discard them.
"""

from dataclasses import dataclass, field

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue

# A message that crashes its consumer over and over (so is never acked) ends in parking too.
DELIVERY_LIMIT = 20


@dataclass(frozen=True)
class ConsumerTopology:
    """Names and bindings of one consumer's queues."""

    namespace: str
    service: str
    consumer: str
    routing_keys: tuple[str, ...]
    retry_delays_s: tuple[int, ...] = (5, 30, 300)
    extra_exchanges: tuple[str, ...] = field(default=())

    @property
    def queue(self) -> str:
        return f"{self.namespace}.{self.service}.{self.consumer}"

    @property
    def parking(self) -> str:
        return f"{self.queue}.parking"

    def retry_queue(self, delay_s: int) -> str:
        return f"{self.queue}.retry.{delay_s}s"

    @property
    def name(self) -> str:
        return f"{self.service}.{self.consumer}"


def events_exchange_name(namespace: str) -> str:
    return f"{namespace}.events"


async def declare_events_exchange(channel: AbstractChannel, namespace: str) -> AbstractExchange:
    return await channel.declare_exchange(events_exchange_name(namespace), aio_pika.ExchangeType.TOPIC, durable=True)


async def declare_consumer(channel: AbstractChannel, topo: ConsumerTopology) -> AbstractQueue:
    """Declare (idempotently) the consumer queue, its retry tiers and parking queue, and bind it."""
    exchange = await declare_events_exchange(channel, topo.namespace)
    await channel.declare_queue(topo.parking, durable=True, arguments={"x-queue-type": "quorum"})
    for delay in topo.retry_delays_s:
        await channel.declare_queue(
            topo.retry_queue(delay),
            durable=True,
            arguments={
                "x-queue-type": "quorum",
                "x-message-ttl": delay * 1000,
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": topo.queue,
                # Quorum queues dead-letter at-least-once only with these two set.
                "x-dead-letter-strategy": "at-least-once",
                "x-overflow": "reject-publish",
            },
        )
    queue = await channel.declare_queue(
        topo.queue,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": DELIVERY_LIMIT,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": topo.parking,
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        },
    )
    for key in topo.routing_keys:
        await queue.bind(exchange, routing_key=key)
    return queue
