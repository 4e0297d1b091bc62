"""Handling one delivery: validate, dedupe through the inbox, run the handler, commit, then ack.

Outcomes: handled, duplicate (acked, no second effect), retried (sent to a delay tier),
parked (sent to the parking queue with the reason). The message is acked only after its
transaction committed and any retry/parking publish was confirmed.
"""

import asyncio
import contextlib
import json
import time
import traceback
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aio_pika
import asyncpg
import sqlalchemy as sa
from aio_pika.abc import AbstractIncomingMessage
from pydantic import ValidationError
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from shared import direct
from shared.db import Executor
from shared.identity import mask_in_text
from shared.logging import bind_contextvars, clear_contextvars, get_logger
from shared.messaging.batching import Batcher, Ready
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.errors import PermanentError, PublishFailed, TransientError
from shared.messaging.failure_headers import attempt_of, time_of
from shared.messaging.identities import SENDER_HEADER
from shared.messaging.inbox import FIRST, first_delivery, opening_record, opening_records
from shared.messaging.outbox import DRIVER_INSERT, add_to_outbox, outbox_row
from shared.messaging.publisher import Publisher
from shared.messaging.senders import UNTRUSTED_SENDER, SenderCheck
from shared.messaging.tables import QUIET_OUTBOX
from shared.messaging.topology import ConsumerTopology
from shared.metrics import CONSUMED, HANDLER_LATENCY, PARKED, RETRIED

log = get_logger(__name__)

# Our own database being down or saturated is no fault of the message: retry, never park.
DATABASE_UNAVAILABLE = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.CannotConnectNowError,
    ConnectionError,
)


@dataclass
class HandlerContext:
    """What a handler gets: its transaction, the validated message, and a way to emit events."""

    session: Executor
    envelope: Envelope
    message: Contract
    namespace: str
    # True when this message may have been handled before, in part, without its commit (the broker
    # redelivered it, or it came back from a retry tier): an effect outside the database may exist.
    may_be_repeat: bool = False

    async def emit(self, event: Contract) -> Envelope:
        """Stage an event in the outbox, caused by the message being handled."""
        envelope = Envelope.wrap(event, causation=self.envelope)
        await add_to_outbox(self.session, envelope, namespace=self.namespace)
        return envelope


Handler = Callable[[HandlerContext], Awaitable[None]]


@dataclass
class DriverContext:
    """What an `OnDriver` handler gets: the asyncpg connection in its transaction (statements as
    `shared.direct.Direct`), the validated message, and a way to emit events."""

    db: asyncpg.Connection
    envelope: Envelope
    message: Contract
    namespace: str
    may_be_repeat: bool = False

    async def emit(self, event: Contract) -> Envelope:
        envelope = Envelope.wrap(event, causation=self.envelope)
        await DRIVER_INSERT.execute(self.db, outbox_row(envelope, namespace=self.namespace))
        return envelope


@dataclass(frozen=True)
class OnDriver:
    """A handler whose statements run on asyncpg directly (`shared.direct`): SQLAlchemy's work
    per statement, and two round trips, are left out of a message's transaction. The consumer
    opens it with BEGIN and the inbox row in one simple query, commits its outbox rows without
    NOTIFY and wakes its own relay (tables.QUIET_OUTBOX). For a hot path: one message per
    transaction, statements compiled once.

    Where a handler is called with a SQLAlchemy connection (a batch), it runs on the driver
    connection under it, in that connection's transaction."""

    handle: Callable[[DriverContext], Awaitable[None]]

    async def __call__(self, ctx: HandlerContext) -> None:
        assert isinstance(ctx.session, AsyncConnection)
        db = await direct.driver_of(ctx.session)
        if not db.is_in_transaction():
            # SQLAlchemy sends BEGIN with its first statement: have it sent, or the handler's
            # statements would each commit on their own.
            await ctx.session.execute(sa.select(1))
        await self.handle(DriverContext(db, ctx.envelope, ctx.message, ctx.namespace, ctx.may_be_repeat))


@dataclass(frozen=True)
class Batched:
    """A handler that takes several messages of its type at once (e.g. one multi-row insert).

    Register it like any handler. In a batching consumer, consecutive messages for it in a batch
    reach `handle_many` together, in one transaction; elsewhere (and when a failed batch is
    replayed one message at a time) it is called with one."""

    handle_many: Callable[[Sequence[HandlerContext]], Awaitable[None]]

    async def __call__(self, ctx: HandlerContext) -> None:
        await self.handle_many([ctx])


Gate = Callable[[], Awaitable[None]]


class Consumer:
    """One consumer: a queue, the contracts it handles and a handler for each."""

    def __init__(
        self,
        *,
        topology: ConsumerTopology,
        handlers: Mapping[type[Contract], Handler],
        engine: AsyncEngine,
        publisher: Publisher,
        max_attempts: int = 5,
        gate: Gate | None = None,
        batch_size: int = 1,
        senders: SenderCheck | None = None,
        outbox_committed: Callable[[], None] | None = None,
    ) -> None:
        """`senders`, when given, decides who may send each type: a delivery from anyone else is
        parked as UNTRUSTED_SENDER without being handled.

        `gate`, when given, is awaited before each message's transaction opens: a handler whose
        dependency is down (an open circuit) holds its deliveries there instead of cycling them
        through the retry tiers, and no database connection is held while it waits.

        `batch_size` > 1 handles up to that many deliveries in one transaction (see `batching`):
        for handlers whose effects are all in this database. A handler that calls out (HTTP)
        keeps 1, so one slow call never holds a batch's transaction open.

        `outbox_committed`, when given, is this process's relay's wake-up: an `OnDriver`
        handler's outbox rows then commit without NOTIFY and the consumer wakes the relay itself."""
        self.topology = topology
        self._handlers = {contract.message_type: (contract, handler) for contract, handler in handlers.items()}
        self._engine = engine
        self._publisher = publisher
        self._max_attempts = max_attempts
        self._gate = gate
        self._batcher = Batcher(self, size=batch_size) if batch_size > 1 else None
        self._senders = senders
        self._outbox_committed = outbox_committed

    @property
    def name(self) -> str:
        return self.topology.name

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        if self._batcher is not None:
            await self._batcher.submit(message)
        else:
            await self.handle_one(message)

    # --- what the batcher uses -----------------------------------------------------------

    def plain(self, message: AbstractIncomingMessage, started: float) -> Ready | None:
        """The delivery decoded, if it is a plain first delivery that decodes cleanly; None when
        it needs the one-message path (a redelivery, back from a retry tier, or bad)."""
        headers = message.headers or {}
        if message.redelivered or "x-last-error" in headers or "x-not-before-ms" in headers:
            return None
        try:
            envelope, contract, handler = self._decode(message)
            payload = contract.model_validate(envelope.payload)
        except (ValidationError, ValueError, PermanentError):
            return None
        if self._senders is not None and not self._senders.trusted(envelope.type, self._senders.sender(message)):
            return None
        return Ready(message, envelope, payload, handler, started)

    async def open_gate(self) -> None:
        if self._gate is not None:
            await self._gate()

    def begin(self) -> contextlib.AbstractAsyncContextManager[AsyncConnection]:
        return self._engine.begin()

    async def run_handlers(self, conn: AsyncConnection, items: Sequence[Ready]) -> None:
        """Run the handlers of `items` (all fresh, in order) in `conn`'s transaction; consecutive
        messages for the same `Batched` handler go to it together."""
        namespace = self.topology.namespace
        i = 0
        while i < len(items):
            handler = items[i].handler
            j = i + 1
            if isinstance(handler, Batched):
                while j < len(items) and items[j].handler is handler:
                    j += 1
                await handler.handle_many(
                    [HandlerContext(conn, it.envelope, it.payload, namespace, False) for it in items[i:j]]
                )
            else:
                item = items[i]
                bind_contextvars(
                    correlation_id=item.envelope.correlation_id,
                    message_id=str(item.envelope.id),
                    message_type=item.envelope.type,
                    consumer=self.name,
                )
                await handler(HandlerContext(conn, item.envelope, item.payload, namespace, False))
            i = j

    async def run_on_driver(self, items: Sequence[Ready]) -> bool:
        """Handle `items` in one transaction on the driver connection, when every one of them has
        an `OnDriver` handler: BEGIN and all their inbox rows in one simple query, the handlers,
        COMMIT, then the relay's wake-up. False — with nothing done — when a handler is not
        `OnDriver`, or when the inbox says not every message is new (the transaction is rolled
        back and the caller handles the batch the general way, which sorts them out)."""
        if not all(isinstance(item.handler, OnDriver) for item in items):
            return False
        record, all_new = opening_records(self.name, [(it.envelope.id, type(it.payload).message_type) for it in items])
        opening = (QUIET_OUTBOX, record) if self._outbox_committed is not None else (record,)
        namespace = self.topology.namespace
        try:
            async with direct.opened_transaction(self._engine, opening) as (db, status):
                if status != all_new:
                    raise _SeenBefore
                for item in items:
                    handler = item.handler
                    assert isinstance(handler, OnDriver)
                    bind_contextvars(
                        correlation_id=item.envelope.correlation_id,
                        message_id=str(item.envelope.id),
                        message_type=item.envelope.type,
                        consumer=self.name,
                    )
                    await handler.handle(DriverContext(db, item.envelope, item.payload, namespace, False))
        except _SeenBefore:
            return False
        if self._outbox_committed is not None:
            self._outbox_committed()
        return True

    # --- one message ---------------------------------------------------------------------

    def _decode(self, message: AbstractIncomingMessage) -> tuple[Envelope, type[Contract], Handler]:
        envelope = Envelope.from_json(message.body)
        return envelope, *self._resolve(envelope)

    def _resolve(self, envelope: Envelope) -> tuple[type[Contract], Handler]:
        entry = self._handlers.get(envelope.type)
        if entry is None:
            raise PermanentError(f"no handler for message type {envelope.type!r}")
        contract, handler = entry
        if envelope.version != contract.schema_version:
            raise PermanentError(
                f"unsupported version {envelope.version} of {envelope.type!r} (handles {contract.schema_version})"
            )
        return contract, handler

    async def handle_one(self, message: AbstractIncomingMessage, *, may_be_repeat: bool = False) -> None:
        """Handle one delivery in its own transaction, then ack (or retry/park, then ack)."""
        started = time.perf_counter()
        headers: dict[str, Any] = dict(message.headers or {})
        try:
            outcome = await self._process(message, headers, may_be_repeat)
        except Exception as exc:  # noqa: BLE001 - PublishFailed, or anything unforeseen: never leave it unsettled
            # Could not move it to retry/parking: leave it on the queue and try again.
            log.warning(
                "consumer_requeue", consumer=self.name, error=str(exc) if isinstance(exc, PublishFailed) else repr(exc)
            )
            await asyncio.sleep(0.5)
            with contextlib.suppress(Exception):
                await message.nack(requeue=True)
            CONSUMED.labels(self.name, "requeued").inc()
            return
        finally:
            clear_contextvars()
        try:
            await message.ack()
        except Exception as exc:  # noqa: BLE001 - channel gone: the broker redelivers, the inbox dedupes
            log.warning("ack_failed", consumer=self.name, error=repr(exc))
            return
        CONSUMED.labels(self.name, outcome).inc()
        HANDLER_LATENCY.labels(self.name).observe(time.perf_counter() - started)

    async def _process(self, message: AbstractIncomingMessage, headers: dict[str, Any], may_be_repeat: bool) -> str:
        # Who sent it is settled first: every later path republishes the message as this service,
        # with the sender in a header that the copy is then believed on.
        try:
            envelope = Envelope.from_json(message.body)
        except (ValidationError, ValueError) as exc:
            await self._park(message, _unverified(headers), reason="invalid", error=_short(exc))
            return "parked"
        if self._senders is not None:
            sender = self._senders.sender(message)
            headers = _unverified(headers)
            if not self._senders.trusted(envelope.type, sender):
                error = f"{envelope.type!r} from {sender or 'an unknown sender'}, not from its owner"
                await self._park(message, headers, reason=UNTRUSTED_SENDER, error=error)
                return "parked"
            headers[SENDER_HEADER] = sender  # kept through retries and parking (see senders.py)
        # Epoch milliseconds as an integer: AMQP carries a Python float as a 32-bit float, which
        # rounds today's epoch seconds to multiples of 128 s.
        not_before = int(headers.get("x-not-before-ms", 0)) / 1000
        if not_before > time.time():
            # Came back from a tier shorter than a Retry-After: wait more, attempt not counted.
            await self._retry(
                message,
                headers,
                error=str(headers.get("x-last-error", "")),
                count_attempt=False,
                retry_after_s=not_before - time.time(),
            )
            return "deferred"
        try:
            contract, handler = self._resolve(envelope)
            payload = contract.model_validate(envelope.payload)
        except (ValidationError, ValueError) as exc:
            await self._park(message, headers, reason="invalid", error=_short(exc))
            return "parked"
        except PermanentError as exc:
            await self._park(message, headers, reason="unknown_type", error=str(exc))
            return "parked"
        bind_contextvars(
            correlation_id=envelope.correlation_id,
            message_id=str(envelope.id),
            message_type=envelope.type,
            consumer=self.name,
        )
        if self._gate is not None:
            await self._gate()
        repeat = may_be_repeat or bool(message.redelivered) or "x-last-error" in headers
        try:
            if isinstance(handler, OnDriver):
                if not await self._on_driver(handler, contract, envelope, payload, repeat):
                    return "duplicate"
            else:
                # A Core connection per message: the ORM session's bookkeeping costs more than the work.
                async with self._engine.begin() as session:
                    if not await first_delivery(
                        session, consumer=self.name, message_id=envelope.id, message_type=envelope.type
                    ):
                        return "duplicate"
                    await handler(HandlerContext(session, envelope, payload, self.topology.namespace, repeat))
        except PermanentError as exc:
            await self._park(message, headers, reason="permanent", error=str(exc))
            return "parked"
        except TransientError as exc:
            # A dependency is unavailable: retry for as long as it takes, never park for that.
            await self._retry(message, headers, error=str(exc), count_attempt=False, retry_after_s=exc.retry_after_s)
            return "retried"
        except DATABASE_UNAVAILABLE as exc:
            # Our own database is down or saturated: retry for as long as it takes, never park.
            log.warning("handler_database_unavailable", error=type(exc).__name__)
            error = f"database unavailable: {type(exc).__name__}"
            await self._retry(message, headers, error=error, count_attempt=False, retry_after_s=None)
            return "retried"
        except Exception as exc:  # noqa: BLE001 - an unexpected failure is retried, then parked
            attempt = attempt_of(headers) + 1
            log.warning("handler_failed", attempt=attempt, error=repr(exc))
            if attempt >= self._max_attempts:
                await self._park(message, headers, reason="attempts_exhausted", error=_short(exc))
                return "parked"
            await self._retry(message, headers, error=_short(exc), count_attempt=True, retry_after_s=None)
            return "retried"
        return "handled"

    async def _on_driver(
        self, handler: OnDriver, contract: type[Contract], envelope: Envelope, payload: Contract, repeat: bool
    ) -> bool:
        """Handle in a transaction on the driver connection; False when the message is a duplicate."""
        opening = [opening_record(consumer=self.name, message_id=envelope.id, message_type=contract.message_type)]
        if self._outbox_committed is not None:
            opening.insert(0, QUIET_OUTBOX)
        async with direct.opened_transaction(self._engine, tuple(opening)) as (db, status):
            if status != FIRST:
                return False
            await handler.handle(DriverContext(db, envelope, payload, self.topology.namespace, repeat))
        if self._outbox_committed is not None:
            self._outbox_committed()
        return True

    async def _retry(
        self,
        message: AbstractIncomingMessage,
        headers: dict[str, Any],
        *,
        error: str,
        count_attempt: bool,
        retry_after_s: float | None,
    ) -> None:
        attempt = attempt_of(headers) + (1 if count_attempt else 0)
        delays = self.topology.retry_delays_s
        if retry_after_s is not None:
            delay = next((d for d in delays if d >= retry_after_s), delays[-1])
        else:
            delay = delays[min(max(attempt, 1), len(delays)) - 1]
        now = time.time()
        new_headers = {**_failure_headers(headers, error), "x-attempt": attempt}
        if retry_after_s is not None:
            new_headers["x-not-before-ms"] = int((now + retry_after_s) * 1000)
        else:
            new_headers.pop("x-not-before-ms", None)
        await self._republish(message, new_headers, self.topology.retry_queue(delay))
        RETRIED.labels(self.name, f"{delay}s").inc()

    async def _park(
        self, message: AbstractIncomingMessage, headers: dict[str, Any], *, reason: str, error: str
    ) -> None:
        new_headers = {
            **_failure_headers(headers, error),
            "x-attempt": attempt_of(headers) + 1,
            "x-parked-reason": reason,
            "x-parked-at": datetime.now(UTC).isoformat(),
            "x-original-queue": self.topology.queue,
        }
        await self._republish(message, new_headers, self.topology.parking)
        PARKED.labels(self.name, reason).inc()
        log.error(
            "message_parked",
            consumer=self.name,
            reason=reason,
            error=error,
            message_id=message.message_id,
            message_type=message.type,
        )

    async def _republish(self, message: AbstractIncomingMessage, headers: dict[str, Any], queue: str) -> None:
        copy = aio_pika.Message(
            body=message.body,
            message_id=message.message_id or str(uuid.uuid4()),
            type=message.type,
            correlation_id=message.correlation_id,
            content_type=message.content_type,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            headers={k: v for k, v in headers.items() if k != "x-death"},
        )
        await self._publisher.publish_message(copy, exchange="", routing_key=queue)


class _SeenBefore(Exception):
    """A driver batch held a message handled before: roll it back, handle it the general way."""


def _unverified(headers: dict[str, Any]) -> dict[str, Any]:
    """The headers without a sender claim: only a sender this consumer verified travels on."""
    return {k: v for k, v in headers.items() if k != SENDER_HEADER}


def _failure_headers(headers: dict[str, Any], error: str) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    return {
        **headers,
        "x-first-failure-at": time_of(headers.get("x-first-failure-at")) or now,
        "x-last-failure-at": now,
        "x-last-error": mask_in_text(error[:2000]),
    }


def _short(exc: BaseException) -> str:
    """The error for logs and parking headers; validation errors without the input values,
    which may hold personal data."""
    if isinstance(exc, ValidationError):
        text = json.dumps(exc.errors(include_input=False, include_url=False), default=str)
    else:
        text = "".join(traceback.format_exception_only(exc)).strip()
    return text[:2000]
