"""Asking the eligibility service over RabbitMQ (request/reply with a timeout).

One connection per process, a server-named exclusive reply queue, replies matched by
correlation id. Requests go mandatory to eligibility's decision queue, which exists only while
an eligibility process serves it: with none running the publish returns at once. A request
carries the timeout as its TTL, so nobody answers one the booking has already given up on.
Whatever goes wrong — no queue, broker down, no answer in time — the booking fails closed.
"""

import asyncio
import contextlib
import uuid

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractConnection, AbstractIncomingMessage

from services.booking.domain.eligibility import Decision, EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError
from shared.contracts.common import Channel
from shared.contracts.eligibility import DecideEligibility, EligibilityDecided, decision_queue
from shared.contracts.owners import OWNER_OF_TYPE
from shared.logging import get_logger, structlog_correlation_id
from shared.messaging.connection import open_connection
from shared.messaging.envelope import Envelope
from shared.messaging.identities import broker_user, login_of

log = get_logger(__name__)


def unavailable() -> BookingError:
    return BookingError(BookingCode.ELIGIBILITY_UNAVAILABLE, headers={"Retry-After": "5"})


class RpcEligibility:
    def __init__(self, *, amqp_url: str, namespace: str, timeout_s: float, heartbeat_s: int = 10) -> None:
        self._url = amqp_url
        self._login = login_of(amqp_url)
        self._answerer = broker_user(OWNER_OF_TYPE[EligibilityDecided.message_type])
        self._queue = decision_queue(namespace)
        self._timeout_s = timeout_s
        self._heartbeat_s = heartbeat_s
        self._connection: AbstractConnection | None = None
        self._channel: AbstractChannel | None = None
        self._reply_to = ""
        self._pending: dict[str, asyncio.Future[EligibilityDecided]] = {}
        self._lock = asyncio.Lock()

    async def decide(self, question: EligibilityQuestion) -> Decision:
        request = DecideEligibility(
            subject=question.subject,
            time_type_code=question.time_type_code,
            clinic_hsa_id=question.clinic_hsa_id,
            start=question.start,
            channel=Channel(question.channel),
            actor_id=question.actor_id,
            invitation_code=question.invitation_code,
            staff_attested=question.staff_attested,
            self_declared_group=question.self_declared_group,
            appointment_id=question.appointment_id,
            purpose=question.purpose,
        )
        reply = await self._ask(request)
        return Decision(
            eligible=reply.eligible,
            reason=reply.reason,
            rule_version=reply.rule_version,
            self_declared=reply.self_declared,
            evidence=dict(reply.evidence),
        )

    async def _ask(self, request: DecideEligibility) -> EligibilityDecided:
        correlation = uuid.uuid4().hex
        answer: asyncio.Future[EligibilityDecided] = asyncio.get_running_loop().create_future()
        self._pending[correlation] = answer
        try:
            async with asyncio.timeout(self._timeout_s):
                channel = await self._ensure_channel()
                envelope = Envelope.wrap(request, correlation_id=structlog_correlation_id())
                await channel.default_exchange.publish(
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
                return await answer
        except TimeoutError:
            log.warning("eligibility_timeout")
            raise unavailable() from None
        except Exception as exc:  # noqa: BLE001 - unroutable, broker gone, channel closed: fail closed
            log.warning("eligibility_unavailable", error=type(exc).__name__)
            if not isinstance(exc, aio_pika.exceptions.PublishError):
                await self._reset()
            raise unavailable() from None
        finally:
            self._pending.pop(correlation, None)

    async def _ensure_channel(self) -> AbstractChannel:
        if self._channel is not None and not self._channel.is_closed:
            return self._channel
        async with self._lock:
            if self._channel is not None and not self._channel.is_closed:
                return self._channel
            await self._close_quietly()
            self._connection = await open_connection(
                self._url, name="booking-eligibility", heartbeat_s=self._heartbeat_s
            )
            channel = await self._connection.channel(publisher_confirms=True, on_return_raises=True)
            replies = await channel.declare_queue(exclusive=True, auto_delete=True)
            await replies.consume(self._on_reply, no_ack=True)
            self._reply_to = replies.name
            self._channel = channel
            return channel

    async def _on_reply(self, message: AbstractIncomingMessage) -> None:
        if message.user_id != self._answerer:
            log.warning("eligibility_reply_untrusted", sender=message.user_id or "unknown")
            return  # a forged answer is no answer: the booking times out and fails closed
        waiting = self._pending.get(message.correlation_id or "")
        if waiting is None or waiting.done():
            return  # an answer after the timeout: the booking already failed closed
        try:
            waiting.set_result(EligibilityDecided.model_validate(Envelope.from_json(message.body).payload))
        except ValueError as exc:
            waiting.set_exception(exc)

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
