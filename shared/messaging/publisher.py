"""Publisher with confirms where an unroutable or unconfirmed publish is an error the caller sees."""

import asyncio
import contextlib
from datetime import UTC, datetime
from typing import Any

import aio_pika
import aiormq
from aio_pika.abc import AbstractChannel, AbstractConnection

from shared.messaging.connection import being_stopped, open_connection
from shared.messaging.envelope import Envelope
from shared.messaging.errors import PublishFailed
from shared.messaging.identities import login_of
from shared.messaging.sending import send
from shared.messaging.topology import declare_events_exchange, events_exchange_name
from shared.metrics import PUBLISH_FAILED, PUBLISHED


def build_message(envelope: Envelope, *, headers: dict[str, Any] | None = None) -> aio_pika.Message:
    return aio_pika.Message(
        body=envelope.to_json(),
        message_id=str(envelope.id),
        type=envelope.type,
        correlation_id=envelope.correlation_id,
        content_type="application/json",
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        timestamp=datetime.now(UTC),
        headers={"traceparent": envelope.traceparent, **(headers or {})},
    )


class Publisher:
    """Owns one publishing connection and channel (confirms on, returns raise).

    `publish` reconnects lazily; a publish during a broker outage raises `PublishFailed`,
    it never pretends success. Safe to call concurrently: confirms are matched by tag.
    """

    def __init__(
        self, amqp_url: str, *, namespace: str, name: str, heartbeat_s: int = 10, confirm_timeout_s: float = 10
    ) -> None:
        self._url = amqp_url
        # RabbitMQ checks that `user_id` is the login: the consumers' proof of who sent a message.
        self.user = login_of(amqp_url)
        self._namespace = namespace
        self._name = name
        self._heartbeat_s = heartbeat_s
        self._confirm_timeout_s = confirm_timeout_s
        self._connection: AbstractConnection | None = None
        self._channel: AbstractChannel | None = None
        self._declared: set[str] = set()  # exchanges declared (or checked) on this connection
        self._lock = asyncio.Lock()

    @property
    def events_exchange(self) -> str:
        return events_exchange_name(self._namespace)

    async def _ensure_channel(self) -> AbstractChannel:
        if self._channel is not None and not self._channel.is_closed:
            return self._channel
        async with self._lock:
            if self._channel is not None and not self._channel.is_closed:
                return self._channel
            await self._close_quietly()
            self._connection = await open_connection(
                self._url, name=f"{self._name}-publish", heartbeat_s=self._heartbeat_s
            )
            channel = await self._connection.channel(publisher_confirms=True, on_return_raises=True)
            await declare_events_exchange(channel, self._namespace)
            self._declared = {self.events_exchange, ""}
            self._channel = channel
            return channel

    async def _channel_to(self, exchange: str) -> AbstractChannel:
        """The publishing channel, `exchange` declared (or checked) on it once per connection."""
        channel = await self._ensure_channel()
        if exchange not in self._declared:
            await channel.get_exchange(exchange, ensure=True)
            self._declared.add(exchange)
        return channel

    async def publish_message(self, message: aio_pika.Message, *, exchange: str, routing_key: str) -> None:
        """Publish and wait for the broker's confirm; raise `PublishFailed` otherwise."""
        message.user_id = self.user
        try:
            channel = await self._channel_to(exchange)
            result = await send(
                channel, message, exchange=exchange, routing_key=routing_key, timeout=self._confirm_timeout_s
            )
        except aiormq.exceptions.PublishError as exc:
            PUBLISH_FAILED.labels("returned").inc()
            raise PublishFailed(f"unroutable: no queue bound for {exchange!r}/{routing_key!r}") from exc
        except aiormq.exceptions.DeliveryError as exc:
            PUBLISH_FAILED.labels("nacked").inc()
            raise PublishFailed(f"nacked by broker: {exc}") from exc
        except TimeoutError as exc:
            PUBLISH_FAILED.labels("timeout").inc()
            await self._reset()
            raise PublishFailed("no confirm from broker in time") from exc
        except (aiormq.exceptions.AMQPError, ConnectionError, OSError, RuntimeError) as exc:
            PUBLISH_FAILED.labels("connection").inc()
            await self._reset()
            raise PublishFailed(f"broker connection: {exc!r}") from exc
        except asyncio.CancelledError:
            if being_stopped():
                raise
            # The connection died with the publish sent and its confirm outstanding (aiormq cancels
            # the waiting future): the broker may or may not have it. Not confirmed = not sent;
            # the outbox sends it again and the consumers' inbox absorbs it if it did arrive.
            PUBLISH_FAILED.labels("connection").inc()
            await self._reset()
            raise PublishFailed("broker connection lost before the confirm") from None
        if not isinstance(result, aiormq.spec.Basic.Ack):
            PUBLISH_FAILED.labels("unconfirmed").inc()
            raise PublishFailed(f"unexpected confirm result {result!r}")
        PUBLISHED.labels(message.type or "unknown").inc()

    async def publish(
        self,
        envelope: Envelope,
        *,
        routing_key: str | None = None,
        exchange: str | None = None,
        headers: dict[str, Any] | None = None,
    ) -> None:
        await self.publish_message(
            build_message(envelope, headers=headers),
            exchange=self.events_exchange if exchange is None else exchange,
            routing_key=routing_key or envelope.type,
        )

    async def _reset(self) -> None:
        async with self._lock:
            await self._close_quietly()

    async def _close_quietly(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        self._declared = set()
        if connection is not None and not connection.is_closed:
            # Closing a broken connection may fail any way it likes.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)

    async def close(self) -> None:
        await self._reset()
