"""Follows VAS's change feed and publishes each change as our schedule events (through the
outbox, in the same transaction that moves the cursor — a change is published once, and a
restart resumes after the last committed change). Replicas take turns: the cursor row is locked
for the whole step.

A booking VAS sync made itself for one of our appointments (its reference is an appointment we
sync) is not published again: booking would only recognise it as its own echo and drop it."""

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import structlog
from prometheus_client import Counter, Gauge
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters import sync_repo
from services.vas_sync.adapters.tables import feed_cursor
from services.vas_sync.domain.vas_port import VasChangeFeed, VasUnavailable
from services.vas_sync.feed.translate import translate
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_many_to_outbox

log = structlog.get_logger(__name__)

FEED_CHANGES = Counter("tidbok_vas_feed_changes_total", "VAS changes taken from the change feed", ["kind"])
FEED_LAG = Gauge("tidbok_vas_feed_lag_seconds", "Age of the newest VAS change taken while the feed is behind")


class FeedFollower:
    def __init__(
        self, *, engine: AsyncEngine, vas: VasChangeFeed, namespace: str, page_size: int, poll_interval_s: float
    ) -> None:
        self.engine = engine
        self.vas = vas
        self.namespace = namespace
        self.page_size = page_size
        self.poll_interval_s = poll_interval_s
        self.after = 0
        self.caught_up = False
        self.lag_s = 0.0
        self.last_poll_at: float | None = None
        self.last_error: str | None = None

    async def step(self) -> int:
        """Take one page of changes; answers how many."""
        async with self.engine.begin() as conn:
            await conn.execute(insert(feed_cursor).values(id=1, after=0).on_conflict_do_nothing())
            cursor = sa.select(feed_cursor.c.after).where(feed_cursor.c.id == 1).with_for_update()
            after = int(await conn.scalar(cursor) or 0)
            changes = await self.vas.changes(after=after, limit=self.page_size)
            if changes:
                ours = await sync_repo.known_appointments(conn, _booked_references(changes))
                await add_many_to_outbox(conn, _envelopes(changes, ours), namespace=self.namespace)
                last = changes[-1]
                after = int(str(last["seq"]))
                await conn.execute(
                    feed_cursor.update()
                    .where(feed_cursor.c.id == 1)
                    .values(
                        after=after, last_change_at=datetime.fromisoformat(str(last["at"])), updated_at=sa.func.now()
                    )
                )
        for change in changes:
            FEED_CHANGES.labels(str(change.get("kind"))).inc()
        self.after = after
        self.caught_up = len(changes) < self.page_size
        self.lag_s = 0.0 if self.caught_up or not changes else _age(str(changes[-1]["at"]))
        FEED_LAG.set(self.lag_s)
        self.last_poll_at = time.time()
        return len(changes)

    async def run(self) -> None:
        while True:
            try:
                taken = await self.step()
                self.last_error = None
            except VasUnavailable as exc:
                self.last_error, taken = str(exc), 0
            except Exception as exc:  # noqa: BLE001 - keep following; the error is visible in ops and logs
                self.last_error, taken = repr(exc), 0
                log.warning("vas_feed_step_failed", error=repr(exc))
            if taken < self.page_size:
                await asyncio.sleep(self.poll_interval_s)


def _booked_references(changes: list[dict[str, Any]]) -> list[str]:
    return [str(c["reference"]) for c in changes if c.get("kind") == "appointment_booked" and c.get("reference")]


def _envelopes(changes: list[dict[str, Any]], ours: set[str]) -> list[Envelope]:
    envelopes = []
    for change in changes:
        if change.get("kind") == "appointment_booked" and change.get("reference") in ours:
            continue  # our own booking
        try:
            events = translate(change)
        except (KeyError, TypeError, ValueError) as exc:
            # A change we cannot read must not stop the feed; ops see it in logs and metrics.
            FEED_CHANGES.labels("unreadable").inc()
            log.error("vas_change_unreadable", kind=change.get("kind"), seq=change.get("seq"), error=type(exc).__name__)
            continue
        if not events:
            log.warning("vas_change_not_translated", kind=change.get("kind"), seq=change.get("seq"))
        envelopes += [Envelope.wrap(event, correlation_id=f"vas-change-{change['seq']}") for event in events]
    return envelopes


def _age(at: str) -> float:
    return max((datetime.now(UTC) - datetime.fromisoformat(at)).total_seconds(), 0.0)
