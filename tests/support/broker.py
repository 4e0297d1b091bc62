"""Looking at queues from a test, the way an operator would."""

import aio_pika

from shared.messaging.consumer import Consumer
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
