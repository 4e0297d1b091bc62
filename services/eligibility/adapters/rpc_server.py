"""Serves decision requests over RabbitMQ: request on `{ns}.eligibility.decisions`, answer to
the request's `reply_to` with its `correlation_id`.

The queue is non-durable and auto-deleted: while no eligibility process runs it does not exist,
so booking's mandatory publish comes back unroutable at once and the booking fails closed
(503) instead of waiting out its timeout. Requests carry a TTL (booking's timeout): a request
nobody answered in time is dropped, never answered late.
"""

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage
from prometheus_client import Counter

from shared.contracts.eligibility import DecideEligibility, EligibilityDecided, decision_queue
from shared.contracts.owners import OWNER_OF_TYPE
from shared.logging import get_logger
from shared.messaging.connection import open_connection
from shared.messaging.envelope import Envelope
from shared.messaging.identities import broker_user, login_of

log = get_logger(__name__)
UNTRUSTED = Counter("tidbok_decision_requests_untrusted_total", "Decision requests refused: not from booking")

Answer = Callable[[DecideEligibility], Awaitable[EligibilityDecided]]


class DecisionServer:
    def __init__(
        self, *, amqp_url: str, namespace: str, answer: Answer, prefetch: int = 32, heartbeat_s: int = 10
    ) -> None:
        self._url = amqp_url
        self._login = login_of(amqp_url)
        self._asker = broker_user(OWNER_OF_TYPE[DecideEligibility.message_type])
        self._queue = decision_queue(namespace)
        self._answer = answer
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
                log.warning("decision_server_lost", error=repr(exc))
            finally:
                self.attached = False
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)

    async def _serve(self) -> None:
        connection = await open_connection(self._url, name="eligibility-decisions", heartbeat_s=self._heartbeat_s)
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
            log.info("decision_server_attached", queue=self._queue)
            await lost
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)

    async def _on_request(self, channel: AbstractChannel, message: AbstractIncomingMessage) -> None:
        if message.user_id != self._asker:
            # Only booking asks; anyone else learns nothing (not even "not eligible").
            log.warning("decision_request_untrusted", sender=message.user_id or "unknown")
            UNTRUSTED.inc()
            await message.reject(requeue=False)
            return
        envelope: Envelope | None = None
        try:
            envelope = Envelope.from_json(message.body)
            decision = await self._answer(DecideEligibility.model_validate(envelope.payload))
        except ValueError:
            decision = EligibilityDecided(eligible=False, reason="INVALID_REQUEST")
        except Exception as exc:  # noqa: BLE001 - no answer: booking times out and fails closed
            log.warning("decision_failed", error=type(exc).__name__)
            await message.reject(requeue=False)
            return
        if message.reply_to:
            reply = Envelope.wrap(decision, correlation_id=envelope.correlation_id if envelope else None)
            await channel.default_exchange.publish(
                aio_pika.Message(
                    body=reply.to_json(),
                    correlation_id=message.correlation_id,
                    type=reply.type,
                    content_type="application/json",
                    user_id=self._login,
                ),
                routing_key=message.reply_to,
            )
        await message.ack()
