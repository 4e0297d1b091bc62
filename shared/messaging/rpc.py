"""Request/reply over RabbitMQ, both halves: a client that asks with a timeout and fails closed,
and a server that answers only the service it serves.

The request goes mandatory to the server's queue, which exists only while a server runs
(non-durable, auto-deleted): with none running the publish comes back at once and the client
fails at once instead of waiting out its timeout. A request carries the timeout as its TTL, so
nobody answers one the client has given up on. Both halves check the other's broker login (the
`user_id` RabbitMQ verified): a forged answer is no answer, and a forged question gets none.
"""

import asyncio
import contextlib
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractConnection, AbstractIncomingMessage
from prometheus_client import Counter

from shared.logging import get_logger, structlog_correlation_id
from shared.messaging.connection import open_connection
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.identities import login_of
from shared.messaging.sending import send

log = get_logger(__name__)
UNTRUSTED = Counter(
    "tidbok_rpc_untrusted_total", "Requests or replies refused: not from the expected service", ["name"]
)

Reply = TypeVar("Reply", bound=Contract)


class RpcUnavailable(Exception):
    """No answer: no server, broker gone, or not in time. The caller fails closed."""


class RpcClient:
    """One connection per process, a server-named exclusive reply queue, replies matched by
    correlation id."""

    def __init__(
        self, amqp_url: str, *, queue: str, answerer: str, timeout_s: float, name: str, heartbeat_s: int = 10
    ) -> None:
        """`answerer`: the broker login replies must come from."""
        self._url = amqp_url
        self._login = login_of(amqp_url)
        self._queue = queue
        self._answerer = answerer
        self._timeout_s = timeout_s
        self._name = name
        self._heartbeat_s = heartbeat_s
        self._connection: AbstractConnection | None = None
        self._channel: AbstractChannel | None = None
        self._reply_to = ""
        self._pending: dict[str, asyncio.Future[bytes]] = {}
        self._lock = asyncio.Lock()

    async def ask(self, request: Contract, reply_type: type[Reply]) -> Reply:
        correlation = uuid.uuid4().hex
        answer: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[correlation] = answer
        try:
            async with asyncio.timeout(self._timeout_s):
                channel = await self._ensure_channel()
                envelope = Envelope.wrap(request, correlation_id=structlog_correlation_id())
                await send(
                    channel,
                    aio_pika.Message(
                        body=envelope.to_json(),
                        message_id=str(envelope.id),
                        type=envelope.type,
                        correlation_id=correlation,
                        reply_to=self._reply_to,
                        content_type="application/json",
                        expiration=self._timeout_s,
                        user_id=self._login,
                    ),
                    routing_key=self._queue,
                    mandatory=True,
                )
                body = await answer
            return reply_type.model_validate(Envelope.from_json(body).payload)
        except TimeoutError:
            log.warning("rpc_timeout", name=self._name)
            raise RpcUnavailable() from None
        except Exception as exc:  # noqa: BLE001 - unroutable, broker gone, channel closed, bad reply: fail closed
            log.warning("rpc_unavailable", name=self._name, error=type(exc).__name__)
            if not isinstance(exc, aio_pika.exceptions.PublishError | ValueError):
                await self._reset()
            raise RpcUnavailable() from None
        finally:
            self._pending.pop(correlation, None)

    async def _ensure_channel(self) -> AbstractChannel:
        if self._channel is not None and not self._channel.is_closed:
            return self._channel
        async with self._lock:
            if self._channel is not None and not self._channel.is_closed:
                return self._channel
            await self._close_quietly()
            self._connection = await open_connection(self._url, name=self._name, heartbeat_s=self._heartbeat_s)
            channel = await self._connection.channel(publisher_confirms=True, on_return_raises=True)
            replies = await channel.declare_queue(exclusive=True, auto_delete=True)
            await replies.consume(self._on_reply, no_ack=True)
            self._reply_to = replies.name
            self._channel = channel
            return channel

    async def _on_reply(self, message: AbstractIncomingMessage) -> None:
        if message.user_id != self._answerer:
            UNTRUSTED.labels(self._name).inc()
            log.warning("rpc_reply_untrusted", name=self._name, sender=message.user_id or "unknown")
            return  # a forged answer is no answer: the asker times out and fails closed
        waiting = self._pending.get(message.correlation_id or "")
        if waiting is not None and not waiting.done():
            waiting.set_result(message.body)  # an answer after the timeout finds nobody waiting

    async def _reset(self) -> None:
        async with self._lock:
            await self._close_quietly()

    async def _close_quietly(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None and not connection.is_closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)

    async def close(self) -> None:
        await self._reset()


Answer = Callable[[Envelope], Awaitable[Contract]]


class RpcServer:
    """Serves requests on `queue` for the one service allowed to ask (reconnects by itself)."""

    def __init__(
        self,
        amqp_url: str,
        *,
        queue: str,
        asker: str,
        answer: Answer,
        name: str,
        prefetch: int = 32,
        heartbeat_s: int = 10,
    ) -> None:
        """`asker`: the broker login requests must come from. `answer` may raise: no reply then,
        and the asker fails closed."""
        self._url = amqp_url
        self._login = login_of(amqp_url)
        self._queue = queue
        self._asker = asker
        self._answer = answer
        self._name = name
        self._prefetch = prefetch
        self._heartbeat_s = heartbeat_s
        self.attached = False

    async def run(self) -> None:
        backoff = 0.5
        while True:
            try:
                await self._serve()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure means: reconnect
                log.warning("rpc_server_lost", name=self._name, error=repr(exc))
            finally:
                self.attached = False
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)

    async def _serve(self) -> None:
        connection = await open_connection(self._url, name=self._name, heartbeat_s=self._heartbeat_s)
        try:
            lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

            def on_close(*_: object) -> None:
                if not lost.done():
                    lost.set_result(None)

            connection.close_callbacks.add(on_close)
            channel = await connection.channel(publisher_confirms=False)
            await channel.set_qos(prefetch_count=self._prefetch)
            queue = await channel.declare_queue(self._queue, durable=False, auto_delete=True)

            async def on_message(message: AbstractIncomingMessage) -> None:
                await self._on_request(channel, message)

            await queue.consume(on_message, no_ack=False)
            self.attached = True
            log.info("rpc_server_attached", name=self._name, queue=self._queue)
            await lost
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)

    async def _on_request(self, channel: AbstractChannel, message: AbstractIncomingMessage) -> None:
        if message.user_id != self._asker:
            # Only the served service asks; anyone else learns nothing (not even a refusal).
            UNTRUSTED.labels(self._name).inc()
            log.warning("rpc_request_untrusted", name=self._name, sender=message.user_id or "unknown")
            await message.reject(requeue=False)
            return
        try:
            envelope = Envelope.from_json(message.body)
            reply = await self._answer(envelope)
        except Exception as exc:  # noqa: BLE001 - no answer: the asker times out and fails closed
            log.warning("rpc_answer_failed", name=self._name, error=type(exc).__name__)
            await message.reject(requeue=False)
            return
        if message.reply_to:
            answer = Envelope.wrap(reply, correlation_id=envelope.correlation_id)
            await send(
                channel,
                aio_pika.Message(
                    body=answer.to_json(),
                    correlation_id=message.correlation_id,
                    type=answer.type,
                    content_type="application/json",
                    user_id=self._login,
                ),
                routing_key=message.reply_to,
            )
        await message.ack()
