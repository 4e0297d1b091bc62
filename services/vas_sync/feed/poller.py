"""Keeps booking's free-time replica without a change feed (crm:scheduling): asks VAS for each
unit's free times (GetAvailableTimeslots) and publishes the difference from the last answer —
a new free time as `SlotPublished`, one gone (booked elsewhere, withdrawn) as `SlotWithdrawn` —
through the outbox, in the transaction that records what was seen.

Near days change most and matter most, so they are asked for more often than later weeks; each
interval is jittered (replicas and units do not ask in step), and no unit is asked more than
`calls_per_unit_per_minute` times a minute. Each event carries the time the question was asked
as its sequence, so an older answer handled late never overrides a newer one in the replica.
Replicas take turns per unit (a transaction-scoped advisory lock around the difference)."""

import asyncio
import random
import time
import zlib
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import structlog
from prometheus_client import Counter, Gauge
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters.tables import polled_slots
from services.vas_sync.domain.vas_port import FreeTime, VasAnswerInvalid, VasFreeTimes, VasUnavailable
from shared.contracts.schedule import SlotPublished, SlotWithdrawn
from shared.crm_scheduling.slot_ids import timeslot_of
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_many_to_outbox

log = structlog.get_logger(__name__)
STOCKHOLM = ZoneInfo("Europe/Stockholm")

RETRY_S = 5.0  # after a failed poll
POLLS = Counter("tidbok_vas_polls_total", "Free-time polls of VAS by window and outcome", ["window", "outcome"])
POLL_CHANGES = Counter("tidbok_vas_poll_changes_total", "Free times published or withdrawn by polling", ["kind"])
POLL_AGE = Gauge("tidbok_vas_poll_oldest_age_seconds", "Age of the oldest answer the replica rests on")


@dataclass(frozen=True)
class Window:
    """Days `first`..`last` from today (inclusive), asked for every `interval_s`."""

    name: str
    first: int
    last: int
    interval_s: float


class Budget:
    """At most `per_minute` calls per unit in any sliding minute."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._calls: dict[str, deque[float]] = {}

    def take(self, unit: str, now: float) -> bool:
        calls = self._calls.setdefault(unit, deque())
        while calls and calls[0] <= now - 60:
            calls.popleft()
        if len(calls) >= self.per_minute:
            return False
        calls.append(now)
        return True

    def free_at(self, unit: str) -> float:
        """When the unit's minute has room again."""
        calls = self._calls.get(unit)
        return calls[0] + 60 if calls and len(calls) >= self.per_minute else 0.0


class SlotPoller:
    def __init__(
        self,
        *,
        engine: AsyncEngine,
        vas: VasFreeTimes,
        namespace: str,
        units: list[str],
        windows: list[Window],
        calls_per_unit_per_minute: int,
        jitter: float = 0.2,
    ) -> None:
        self.engine = engine
        self.vas = vas
        self.namespace = namespace
        self.units = units  # upper case; shared with the resident check, filled by discovery if empty
        self.windows = windows
        self.budget = Budget(calls_per_unit_per_minute)
        self.jitter = jitter
        self.last_poll_at: float | None = None
        self.last_error: str | None = None
        self._due: dict[tuple[str, str], float] = {}
        self._answered: dict[tuple[str, str], float] = {}

    async def poll(self, unit: str, window: Window, *, today: date | None = None) -> int:
        """Ask once for `unit`'s free times in `window`; answers how many changes it published."""
        today = today or datetime.now(STOCKHOLM).date()
        first, last = today + timedelta(days=window.first), today + timedelta(days=window.last)
        asked_at = time.time()
        sequence = time.time_ns() // 1000  # the question's time: newer answers win in the replica
        free = await self.vas.free_times(unit, first_day=first, last_day=last)
        seen = {t.slot_id: t for t in free if first <= t.start.astimezone(STOCKHOLM).date() <= last}
        async with self.engine.begin() as conn:
            key = zlib.crc32(f"poll:{unit}".encode())
            await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
            known = set(
                (
                    await conn.scalars(
                        sa.select(polled_slots.c.slot_id).where(
                            polled_slots.c.clinic_hsa_id == unit, polled_slots.c.day.between(first, last)
                        )
                    )
                ).all()
            )
            new = [t for slot, t in seen.items() if slot not in known]
            gone = sorted(known - seen.keys())
            if new:
                rows = [{"slot_id": t.slot_id, "clinic_hsa_id": unit, "day": _day(t)} for t in new]
                await conn.execute(insert(polled_slots).values(rows).on_conflict_do_nothing())
            if gone:
                await conn.execute(polled_slots.delete().where(polled_slots.c.slot_id.in_(gone)))
            if window.first == 0:  # days gone by are asked for no more
                await conn.execute(
                    polled_slots.delete().where(polled_slots.c.clinic_hsa_id == unit, polled_slots.c.day < today)
                )
            events = [_published(t, sequence) for t in new] + [_withdrawn(s, unit, sequence) for s in gone]
            if events:
                correlation = f"vas-poll-{unit}-{sequence}"
                envelopes = [Envelope.wrap(e, correlation_id=correlation) for e in events]
                await add_many_to_outbox(conn, envelopes, namespace=self.namespace)
        POLL_CHANGES.labels("published").inc(len(new))
        POLL_CHANGES.labels("withdrawn").inc(len(gone))
        self._answered[(unit, window.name)] = asked_at
        self.last_poll_at = time.time()
        POLL_AGE.set(self.oldest_age_s())
        return len(events)

    def oldest_age_s(self) -> float:
        if not self._answered:
            return 0.0
        return max(time.time() - min(self._answered.values()), 0.0)

    async def step(self, now: float | None = None) -> float:
        """Ask for whatever is due and the budget allows; answers the seconds until the next is due."""
        now = time.monotonic() if now is None else now
        for window in self.windows:
            for unit in self.units:
                key = (unit, window.name)
                if self._due.get(key, 0.0) > now:
                    continue
                if not self.budget.take(unit, now):
                    POLLS.labels(window.name, "over_budget").inc()
                    self._due[key] = self.budget.free_at(unit)  # asked again once the minute has room
                    continue
                interval = window.interval_s
                try:
                    await self.poll(unit, window)
                    POLLS.labels(window.name, "ok").inc()
                    self.last_error = None
                except VasAnswerInvalid as exc:
                    # A broken answer: asked again at the usual interval, not hammered.
                    POLLS.labels(window.name, "invalid").inc()
                    self.last_error = str(exc)
                    log.warning("vas_poll_answer_invalid", unit=unit, window=window.name, error=str(exc)[:200])
                except VasUnavailable as exc:
                    POLLS.labels(window.name, "unavailable").inc()
                    self.last_error = str(exc)
                    interval = min(interval, RETRY_S)  # soon again (the circuit breaker spaces real outages)
                except Exception as exc:  # noqa: BLE001 - keep polling the others; visible in ops and logs
                    POLLS.labels(window.name, "failed").inc()
                    self.last_error = repr(exc)
                    log.warning("vas_poll_failed", unit=unit, window=window.name, error=type(exc).__name__)
                spread = 1 + random.uniform(-self.jitter, self.jitter)  # noqa: S311 - spacing, not secrecy
                self._due[key] = now + interval * spread
        upcoming = [self._due.get((u, w.name), now) for w in self.windows for u in self.units]
        return max(min(upcoming, default=now + 1.0) - now, 0.05)

    async def run(self, discover: Callable[[], Awaitable[list[str]]] | None = None) -> None:
        """`discover`: where the units come from when none were given (asked until it answers)."""
        while not self.units and discover is not None:
            try:
                self.units[:] = [u.upper() for u in await discover()]
                log.info("vas_poll_units_discovered", units=len(self.units))
            except Exception as exc:  # noqa: BLE001 - asked again; the error shows in ops and logs
                self.last_error = f"discovering units: {type(exc).__name__}: {str(exc)[:200]}"
                log.warning("vas_poll_discovery_failed", error=type(exc).__name__)
            if not self.units:
                await asyncio.sleep(RETRY_S)
        while True:
            wait = await self.step()
            await asyncio.sleep(min(wait, 1.0))


def _day(t: FreeTime) -> date:
    return t.start.astimezone(STOCKHOLM).date()


def _published(t: FreeTime, sequence: int) -> SlotPublished:
    return SlotPublished(
        slot_id=t.slot_id,
        clinic_hsa_id=t.clinic_hsa_id,
        time_type_code=t.time_type_code,
        start=t.start,
        end=t.end,
        practitioner_id=t.practitioner_id,
        vas_seq=sequence,
    )


def _withdrawn(slot: str, unit: str, sequence: int) -> SlotWithdrawn:
    time_ = timeslot_of(slot)
    return SlotWithdrawn(
        slot_id=slot,
        reason="no longer free in VAS",
        vas_seq=sequence,
        clinic_hsa_id=unit,
        time_type_code=time_.time_type_id,
        start=time_.start.astimezone(UTC) if time_.start else None,
        end=time_.end.astimezone(UTC) if time_.end else None,
    )
