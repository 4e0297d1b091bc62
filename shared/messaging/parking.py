"""Operations on a consumer's parking queue: peek, replay (same message id) and discard.

A replayed message goes back to the consumer queue with its attempt count reset and its
message id unchanged, so the consumer's inbox still guarantees one effect.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from shared.messaging.connection import open_connection
from shared.messaging.failure_headers import attempt_of, time_of
from shared.messaging.identities import SENDER_HEADER, broker_user, login_of


@dataclass(frozen=True)
class ParkedMessage:
    message_id: str
    message_type: str | None
    reason: str
    error: str
    attempts: int
    first_failure_at: str | None
    last_failure_at: str | None
    parked_at: str | None
    original_queue: str | None
    body: bytes
    headers: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_incoming(cls, message: AbstractIncomingMessage) -> "ParkedMessage":
        headers: dict[str, Any] = dict(message.headers or {})
        return cls(
            message_id=message.message_id or "",
            message_type=message.type,
            reason=str(headers.get("x-parked-reason", "delivery_limit")),
            error=str(headers.get("x-last-error", "")),
            attempts=attempt_of(headers),
            first_failure_at=time_of(headers.get("x-first-failure-at")),
            last_failure_at=time_of(headers.get("x-last-failure-at")),
            parked_at=time_of(headers.get("x-parked-at")),
            original_queue=_opt(headers.get("x-original-queue")),
            body=message.body,
            headers=headers,
        )


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


class ParkingLot:
    def __init__(self, amqp_url: str, *, queue: str, parking: str) -> None:
        self._url = amqp_url
        self._queue = queue
        self._parking = parking
        # `{namespace}.{service}.{consumer}`: the service whose consumer parks into this queue.
        parts = queue.split(".")
        self._parker = broker_user(parts[1]) if len(parts) >= 3 else ""

    async def peek(self, limit: int = 100) -> list[ParkedMessage]:
        """Look without taking: every message fetched is put back."""
        return await self.sweep(lambda _: "keep", limit=limit, report_kept=True)

    async def replay(self, message_id: str | None = None) -> list[ParkedMessage]:
        """Send one (or, without an id, every) parked message back to its consumer."""
        return await self.sweep(lambda m: "replay" if message_id in (None, m.message_id) else "keep")

    async def discard(self, message_id: str) -> list[ParkedMessage]:
        return await self.sweep(lambda m: "discard" if m.message_id == message_id else "keep")

    async def sweep(
        self, decide: Callable[[ParkedMessage], str], *, limit: int = 100_000, report_kept: bool = False
    ) -> list[ParkedMessage]:
        """Take messages off parking one by one, act on each ("replay", "discard" or "keep"), and
        put back the ones kept. Returns the messages acted on (and the kept ones if asked)."""
        connection = await open_connection(self._url, name="parking-lot", heartbeat_s=30)
        reported: list[ParkedMessage] = []
        try:
            channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
            parking = await channel.declare_queue(self._parking, passive=True)
            kept: list[AbstractIncomingMessage] = []
            for _ in range(min(parking.declaration_result.message_count or 0, limit)):
                message = await parking.get(no_ack=False, fail=False)
                if message is None:
                    break
                parked = ParkedMessage.from_incoming(message)
                action = decide(parked)
                if action == "keep":
                    kept.append(message)
                    if report_kept:
                        reported.append(parked)
                    continue
                if action == "replay":
                    await channel.default_exchange.publish(
                        _fresh_copy(message, login_of(self._url), self._parker),
                        routing_key=self._queue,
                        mandatory=True,
                    )
                await message.ack()
                reported.append(parked)
            for message in kept:
                await message.nack(requeue=True)
        finally:
            await connection.close()
        return reported


def _fresh_copy(message: AbstractIncomingMessage, login: str, parker: str) -> aio_pika.Message:
    """The parked message as it first came, with its verified sender (shared.messaging.senders).

    A copy that the consumer's service parked itself (its `user_id` is `parker`, which RabbitMQ
    verified) carries the sender it checked in `x-sender`, and so does one operations replayed
    (its `user_id` is the replaying login); a copy the broker dead-lettered (too many deliveries)
    still has its publisher's verified `user_id`. Anything else in parking was put
    there by someone else, and its `x-sender` claim is dropped: the replay is then refused as
    untrusted instead of laundering a forgery."""
    kept = dict(message.headers or {})
    headers = {k: v for k, v in kept.items() if not k.startswith("x-")}
    # A copy operations replayed before (its `user_id` is this login) carries the sender an
    # earlier replay verified: it comes back to parking as it went out (too many deliveries).
    sender = kept.get(SENDER_HEADER) if message.user_id in (parker, login) else message.user_id
    if isinstance(sender, str) and sender:
        headers[SENDER_HEADER] = sender
    headers["x-replayed-from-parking"] = True
    return aio_pika.Message(
        body=message.body,
        message_id=message.message_id,
        type=message.type,
        correlation_id=message.correlation_id,
        content_type=message.content_type,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        headers=headers,
        user_id=login,
    )
