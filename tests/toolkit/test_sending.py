"""`shared.messaging.sending.send`: what aio-pika's publish answers and raises, without holding the
channel's lock while the socket drains — so concurrent publishers on one channel each get their
own confirm, and every message arrives once, in the order sent."""

import asyncio
import uuid

import aio_pika
import aiormq
import pytest

from shared.messaging.sending import send
from tests.support.infra import Infra

MESSAGES = 300


async def test_concurrent_sends_are_each_confirmed_and_arrive_once_in_order(infra: Infra) -> None:
    connection = await aio_pika.connect(infra.amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        queue = await channel.declare_queue(f"test.sending.{uuid.uuid4().hex}", exclusive=True)
        bodies = [f"message {i}".encode() for i in range(MESSAGES)]
        answers = await asyncio.gather(
            *(send(channel, aio_pika.Message(body=body), routing_key=queue.name) for body in bodies)
        )
        assert all(isinstance(answer, aiormq.spec.Basic.Ack) for answer in answers)
        received = []
        async with queue.iterator() as messages:
            async for message in messages:
                received.append(message.body)
                await message.ack()
                if len(received) == MESSAGES:
                    break
        assert received == bodies
        assert (await queue.declare()).message_count == 0
    finally:
        await connection.close()


async def test_an_unroutable_send_raises_like_publish(infra: Infra) -> None:
    connection = await aio_pika.connect(infra.amqp_url)
    try:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        with pytest.raises(aiormq.exceptions.PublishError):
            await send(channel, aio_pika.Message(body=b"nobody"), routing_key=f"no.such.queue.{uuid.uuid4().hex}")
        # The channel stays usable, and an unroutable send that need not be routed is confirmed.
        answer = await send(channel, aio_pika.Message(body=b"dropped"), routing_key="no.such.queue", mandatory=False)
        assert isinstance(answer, aiormq.spec.Basic.Ack)
    finally:
        await connection.close()


async def test_a_send_on_a_closed_connection_fails(infra: Infra) -> None:
    connection = await aio_pika.connect(infra.amqp_url)
    channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
    await connection.close()
    with pytest.raises((aiormq.exceptions.AMQPError, aio_pika.exceptions.ChannelInvalidStateError, RuntimeError)):
        await send(channel, aio_pika.Message(body=b"late"), routing_key="anything")
