"""The outbox relay: publishes committed outbox rows with confirms and marks them sent.

Several relays may run at once (one per replica): each claims a batch with
``FOR UPDATE SKIP LOCKED``. A relay killed mid-batch leaves its rows unpublished-looking,
so another relay publishes them again — the consumers' inbox absorbs that duplicate.
"""

import asyncio
import contextlib
import uuid
from collections.abc import Sequence
from datetime import timedelta

import aio_pika
import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncEngine

from shared import direct
from shared.db import asyncpg_dsn
from shared.direct import Direct
from shared.logging import get_logger
from shared.messaging.errors import PublishFailed
from shared.messaging.publisher import Publisher
from shared.messaging.tables import OUTBOX_CHANNEL, outbox
from shared.metrics import OUTBOX_BACKLOG, OUTBOX_OLDEST_AGE

log = get_logger(__name__)

_CLAIM = (
    sa.select(
        outbox.c.id,
        outbox.c.exchange,
        outbox.c.routing_key,
        outbox.c.message_type,
        outbox.c.correlation_id,
        outbox.c.body,
        outbox.c.headers,
        outbox.c.attempts,
    )
    .where(outbox.c.published_at.is_(None), outbox.c.next_attempt_at <= sa.func.now())
    .order_by(outbox.c.seq)
    .limit(sa.bindparam("batch_size", type_=sa.Integer))
    .with_for_update(skip_locked=True)
)
# A relay wakes for nearly every commit under a stream of bookings, so a batch is often one row:
# its statements run on the driver connection, compiled once (shared/direct.py).
_CLAIM_BATCH = Direct(_CLAIM)
_RECORD_FAILURE = Direct(
    outbox.update()
    .where(outbox.c.id == sa.bindparam("row_id", type_=postgresql.UUID(as_uuid=True)))
    .values(
        attempts=outbox.c.attempts + 1,
        last_error=sa.bindparam("error", type_=sa.Text),
        next_attempt_at=sa.func.now()
        + sa.func.make_interval(0, 0, 0, 0, 0, 0, sa.bindparam("backoff_s", type_=sa.Float)),
    )
)


def mark_sent(ids: Sequence[uuid.UUID]) -> str:
    """The statement marking rows published, with their ids inline (to go with COMMIT in one simple
    query). Each id is the text of a `uuid.UUID` — hex and dashes — so nothing leaves the literal."""
    listed = ",".join(str(uuid.UUID(str(row_id))) for row_id in ids)
    return f"UPDATE {outbox.name} SET published_at = now(), last_error = NULL WHERE id = ANY('{{{listed}}}'::uuid[])"


class OutboxRelay:
    def __init__(
        self,
        *,
        engine: AsyncEngine,
        publisher: Publisher,
        database_url: str,
        batch_size: int = 200,
        poll_interval_s: float = 1.0,
        retention: timedelta = timedelta(days=7),
        housekeeping_interval_s: float = 5.0,
    ) -> None:
        self._engine = engine
        self._publisher = publisher
        self._dsn = asyncpg_dsn(database_url)
        self._batch_size = batch_size
        self._poll_interval_s = poll_interval_s
        self._retention = retention
        self._housekeeping_interval_s = housekeeping_interval_s
        self._wake = asyncio.Event()
        self._stopping = False

    def request_stop(self) -> None:
        """Finish the batch in hand, then return from `run` (a cancelled batch is published
        again at the next start; the consumers' inbox would absorb it, but why send it twice)."""
        self._stopping = True
        self._wake.set()

    def wake(self) -> None:
        """An outbox row of this process has committed (without NOTIFY: see tables.QUIET_OUTBOX)."""
        self._wake.set()

    async def run(self) -> None:
        """Relay until stopped or cancelled. Wakes on NOTIFY; polls as a fallback. The backlog
        metrics and the pruning of old rows run on a clock, not per batch: under a stream of
        bookings the relay wakes for nearly every one, and a count and a prune (a scan of the
        published rows) every few batches cost more than the publishing (docs/benchmarks.md)."""
        listener = asyncio.create_task(self._listen())
        loop = asyncio.get_running_loop()
        housekeeping_due = loop.time()
        try:
            while not self._stopping:
                try:
                    published = await self.relay_once()
                    if loop.time() >= housekeeping_due:
                        housekeeping_due = loop.time() + self._housekeeping_interval_s
                        await self.measure_backlog()
                        await self._prune()
                except (OSError, asyncpg.PostgresError, sa.exc.SQLAlchemyError) as exc:
                    log.warning("outbox_relay_db_error", error=repr(exc))
                    published = 0
                if published >= self._batch_size or self._stopping:
                    continue
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for loses a cancellation that
                # lands as the wake-up arrives, and the relay would never stop.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._poll_interval_s):
                        await self._wake.wait()
                self._wake.clear()
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener

    async def relay_once(self) -> int:
        """Publish one batch; returns how many rows were published."""
        closing: list[str] = []
        async with direct.opened_transaction(self._engine, closing=closing) as (db, _):
            rows = await _CLAIM_BATCH.fetch(db, {"batch_size": self._batch_size})
            if not rows:
                return 0
            results = await asyncio.gather(*(self._publish(row) for row in rows), return_exceptions=True)
            sent = [row["id"] for row, result in zip(rows, results, strict=True) if result is None]
            if sent:
                closing.append(mark_sent(sent))  # goes with COMMIT: one round trip
            failures = [(row, result) for row, result in zip(rows, results, strict=True) if result is not None]
            for row, error in failures:
                await self._record_failure(db, row, error)
        if failures:
            row, error = failures[0]
            log.warning(
                "outbox_publish_failed",
                failed=len(failures),
                published=len(sent),
                first_outbox_id=str(row["id"]),
                error=str(error),
            )
        return len(sent)

    async def _publish(self, row: asyncpg.Record) -> None:
        message = aio_pika.Message(
            body=row["body"],
            message_id=str(row["id"]),
            type=row["message_type"],
            correlation_id=row["correlation_id"],
            content_type="application/json",
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            headers=dict(row["headers"] or {}),
        )
        await self._publisher.publish_message(message, exchange=row["exchange"], routing_key=row["routing_key"])

    async def _record_failure(self, db: asyncpg.Connection, row: asyncpg.Record, error: BaseException) -> None:
        if not isinstance(error, PublishFailed):
            log.error("outbox_publish_unexpected_error", outbox_id=str(row["id"]), error=repr(error))
        backoff_s = min(0.5 * 2 ** row["attempts"], 30.0)
        await _RECORD_FAILURE.execute(db, {"row_id": row["id"], "error": str(error)[:1000], "backoff_s": backoff_s})

    async def measure_backlog(self) -> tuple[int, float]:
        """Count unpublished rows and the age of the oldest (also exported as metrics)."""
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    sa.select(
                        sa.func.count(),
                        sa.func.coalesce(sa.func.extract("epoch", sa.func.now() - sa.func.min(outbox.c.created_at)), 0),
                    ).where(outbox.c.published_at.is_(None))
                )
            ).one()
        count, age = int(row[0]), float(row[1])
        OUTBOX_BACKLOG.set(count)
        OUTBOX_OLDEST_AGE.set(age)
        return count, age

    async def _prune(self) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(outbox.delete().where(outbox.c.published_at < sa.func.now() - self._retention))

    async def _listen(self) -> None:
        while True:
            try:
                connection = await asyncpg.connect(self._dsn, timeout=5)
                try:
                    await connection.add_listener(OUTBOX_CHANNEL, lambda *_: self._wake.set())
                    while True:
                        await asyncio.sleep(5)
                        await connection.fetchval("SELECT 1")  # notices a dead server
                finally:
                    await connection.close(timeout=2)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - the poll fallback covers a dead listener
                log.warning("outbox_listen_failed", error=repr(exc))
                await asyncio.sleep(self._poll_interval_s)
