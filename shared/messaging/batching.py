"""Several deliveries in one transaction: the per-message commit is what a consumer pays most for.

A `Batcher` collects the deliveries that arrive while a consumer's previous batch is in its
transaction (up to `size`) and handles them in one database transaction: one inbox statement
for the whole batch, each handler in turn, one commit, one ack frame. (When every message of a
batch is new and has an `OnDriver` handler, the batch runs on the driver connection with BEGIN
and its inbox rows in one simple query: `Consumer.run_on_driver`.) The guarantees stay per
message:

- a message that is not plain — a redelivery, one back from a retry tier, one that does not
  decode — goes through the consumer's one-message path, which retries and parks;
- if anything in the batch fails (a handler raises, a deadlock, the database), the batch is
  rolled back and each of its messages is handled again on its own, in order, through the
  one-message path (told it may be a repeat), so only the failing message is retried or parked;
- nothing is acked before the commit that holds its inbox row and its effect. A batch is acked
  with one frame (`multiple`); batches run one after another, so a slow message holds back the
  ones after it: batch only handlers that stay in the database.
"""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from aio_pika.abc import AbstractIncomingMessage
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.logging import clear_contextvars, get_logger
from shared.messaging.envelope import Contract, Envelope
from shared.metrics import CONSUMED, HANDLER_LATENCY

log = get_logger(__name__)

# One statement records the whole batch; the rows it returns are the messages seen for the first time.
_RECORD = sa.text(
    "INSERT INTO inbox (consumer, message_id, message_type) "
    "SELECT :consumer, m.id, m.type FROM unnest(CAST(:ids AS uuid[]), CAST(:types AS text[])) AS m(id, type) "
    "ON CONFLICT DO NOTHING RETURNING message_id"
)


@dataclass(frozen=True)
class Ready:
    """A delivery decoded and ready for its handler."""

    message: AbstractIncomingMessage
    envelope: Envelope
    payload: Contract
    handler: Callable[[Any], Awaitable[None]]
    started: float


class BatchingConsumer(Protocol):
    """What the batcher needs from `Consumer` (kept as a protocol: no import cycle)."""

    @property
    def name(self) -> str: ...

    def plain(self, message: AbstractIncomingMessage, started: float) -> Ready | None: ...

    async def handle_one(self, message: AbstractIncomingMessage, *, may_be_repeat: bool = False) -> None: ...

    async def open_gate(self) -> None: ...

    def begin(self) -> Any: ...

    async def run_handlers(self, conn: AsyncConnection, items: Sequence[Ready]) -> None: ...

    async def run_on_driver(self, items: Sequence[Ready]) -> bool: ...


async def first_deliveries(conn: AsyncConnection, consumer: str, envelopes: Sequence[Envelope]) -> set[uuid.UUID]:
    """Record every envelope in the inbox in this transaction; the ids not handled before."""
    result = await conn.execute(
        _RECORD,
        {"consumer": consumer, "ids": [e.id for e in envelopes], "types": [e.type for e in envelopes]},
    )
    return {row[0] for row in result}


class Batcher:
    """Group commit for a consumer: one batch is in its transaction at a time, and the next starts
    as soon as it has settled, with everything that arrived meanwhile (up to `size`). A lone
    message goes at once, and under load batches grow by themselves to what arrives during one
    transaction. (Measured: two or three batches at once made them smaller and the consumer
    slower.) One at a time also keeps the `multiple` ack safe: every earlier delivery of the
    channel is settled by the time a batch acks."""

    def __init__(self, consumer: BatchingConsumer, *, size: int) -> None:
        self._consumer = consumer
        self._size = size
        self._pending: list[tuple[AbstractIncomingMessage, asyncio.Future[None], float]] = []
        self._running: asyncio.Task[None] | None = None

    async def submit(self, message: AbstractIncomingMessage) -> None:
        """Queue the delivery for a batch; returns when it has been acked (or handed back)."""
        done = asyncio.get_running_loop().create_future()
        self._pending.append((message, done, time.perf_counter()))
        self._start_batch()
        await done

    def _start_batch(self) -> None:
        if self._running is not None or not self._pending:
            return
        # A batch's multiple ack only covers deliveries of one channel: take those of the first.
        channel = _channel(self._pending[0][0])
        count = 0
        while count < min(self._size, len(self._pending)) and _channel(self._pending[count][0]) is channel:
            count += 1
        batch, self._pending = self._pending[:count], self._pending[count:]
        self._running = asyncio.create_task(self._run(batch))
        self._running.add_done_callback(self._finished)

    def _finished(self, _: "asyncio.Task[None]") -> None:
        self._running = None
        self._start_batch()

    async def _run(self, batch: list[tuple[AbstractIncomingMessage, asyncio.Future[None], float]]) -> None:
        try:
            ready: list[Ready] = []
            for message, _, arrived in batch:
                item = self._consumer.plain(message, arrived)
                if item is None:
                    await self._consumer.handle_one(message)  # settles it (ack, or nack to requeue)
                else:
                    ready.append(item)
            outcomes = await self._handle(ready) if ready else None
            if outcomes is not None:
                await self._ack(ready, outcomes)
        finally:
            for _, done, _ in batch:
                if not done.done():
                    done.set_result(None)

    async def _handle(self, ready: list[Ready]) -> list[str] | None:
        """Handle `ready` in one transaction: their outcomes, or None when the batch failed and each
        message was handled (and settled) on its own instead."""
        consumer = self._consumer
        await consumer.open_gate()
        outcomes: list[str] = []
        try:
            # The common batch — every message new, every handler on the driver connection — in
            # two round trips besides the handlers' own (docs/benchmarks.md, round two, step 4).
            if await consumer.run_on_driver(ready):
                return ["handled"] * len(ready)
            async with consumer.begin() as conn:
                fresh = await first_deliveries(conn, consumer.name, [item.envelope for item in ready])
                todo: list[Ready] = []
                for item in ready:
                    if item.envelope.id in fresh:
                        fresh.discard(item.envelope.id)  # the same id twice in one batch: handle it once
                        todo.append(item)
                        outcomes.append("handled")
                    else:
                        outcomes.append("duplicate")
                await consumer.run_handlers(conn, todo)
        except Exception as exc:  # noqa: BLE001 - one bad message must not sink the others: replay singly
            clear_contextvars()
            log.info("batch_replayed_singly", consumer=consumer.name, size=len(ready), error=repr(exc))
            for item in ready:
                await consumer.handle_one(item.message, may_be_repeat=True)
            return None
        finally:
            clear_contextvars()
        return outcomes

    async def _ack(self, ready: list[Ready], outcomes: list[str]) -> None:
        """One frame acks the batch: `multiple` up to its last delivery tag."""
        name = self._consumer.name
        last = max(ready, key=lambda item: item.message.delivery_tag or 0).message
        try:
            await last.ack(multiple=True)
        except Exception as exc:  # noqa: BLE001 - channel gone: the broker redelivers, the inbox dedupes
            log.warning("ack_failed", consumer=name, error=repr(exc))
            return
        now = time.perf_counter()
        for item, outcome in zip(ready, outcomes, strict=True):
            CONSUMED.labels(name, outcome).inc()
            HANDLER_LATENCY.labels(name).observe(now - item.started)


def _channel(message: AbstractIncomingMessage) -> object | None:
    """The channel a delivery came on; None once it is closed (aio-pika raises then)."""
    try:
        return message.channel
    except Exception:  # noqa: BLE001 - ChannelInvalidStateError: closed
        return None
