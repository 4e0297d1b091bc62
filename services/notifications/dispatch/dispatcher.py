"""The scheduler loop every replica runs: claim due notifications, send them, record the outcome."""

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.adapters import dispatch_repo
from services.notifications.adapters.delivery import DeliveryFailed
from services.notifications.adapters.dispatch_repo import Result
from services.notifications.adapters.texts import Texts
from services.notifications.dispatch.metrics import DISPATCHED, DUE_TO_SENT, OVERDUE
from services.notifications.domain.dispatch_rules import Claimed, Defer, Finish, backoff, decide
from services.notifications.domain.timing import QuietHours
from shared.clock import Clock
from shared.logging import get_logger

log = get_logger(__name__)


class SmsSender(Protocol):
    async def send(self, *, to: str, text: str, idempotency_key: str) -> str: ...


class MailSender(Protocol):
    async def send(self, *, to: str, subject: str, text: str, idempotency_key: str) -> str: ...


@dataclass(frozen=True)
class DispatchConfig:
    batch: int = 200
    concurrency: int = 50
    poll_interval_s: float = 1.0
    lease: timedelta = timedelta(minutes=2)
    retry_base_s: float = 30.0
    retry_max_s: float = 3600.0
    max_attempts: int = 8


class Dispatcher:
    def __init__(
        self,
        *,
        engine: AsyncEngine,
        clock: Clock,
        sms: SmsSender,
        mail: MailSender,
        texts: Texts,
        quiet: QuietHours,
        config: DispatchConfig,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._sms = sms
        self._mail = mail
        self._texts = texts
        self._quiet = quiet
        self._config = config
        self._limit = asyncio.Semaphore(config.concurrency)
        self._overdue_noted_at = float("-inf")
        self.alive = False

    async def run(self) -> None:
        """Until cancelled. An idle replica looks again after the poll interval; a busy one at once."""
        self.alive = True
        try:
            while True:
                try:
                    claimed = await self.run_once()
                except Exception as exc:  # noqa: BLE001 - the database may be away; try again shortly
                    log.warning("dispatch_failed", error=type(exc).__name__)
                    claimed = 0
                await self._note_overdue()
                if claimed < self._config.batch:
                    await asyncio.sleep(self._config.poll_interval_s)
        finally:
            self.alive = False

    async def _note_overdue(self) -> None:
        """How long the oldest due notification has waited (reminders overdue), every 10 s: a busy
        replica that cannot keep up shows it as well as an idle one."""
        if time.monotonic() - self._overdue_noted_at < 10:
            return
        self._overdue_noted_at = time.monotonic()
        now = self._clock.now()
        try:
            async with self._engine.connect() as conn:
                oldest = await dispatch_repo.oldest_due(conn, now=now)
        except Exception as exc:  # noqa: BLE001 - a missed figure, not a stop
            log.warning("overdue_check_failed", error=type(exc).__name__)
            return
        OVERDUE.set(0 if oldest is None else max((now - oldest).total_seconds(), 0.0))

    async def run_once(self) -> int:
        """Claim one batch (expired leases first), send it, record the results; the number claimed."""
        now = self._clock.now()
        lease_until = now + self._config.lease
        async with self._engine.begin() as conn:
            claimed = await dispatch_repo.claim(
                conn, now=now, lease_until=lease_until, batch=self._config.batch, expired=True
            )
            if len(claimed) < self._config.batch:
                claimed += await dispatch_repo.claim(
                    conn, now=now, lease_until=lease_until, batch=self._config.batch - len(claimed)
                )
        if not claimed:
            return 0
        results = await asyncio.gather(*(self._one(c, now) for c in claimed))
        async with self._engine.begin() as conn:
            await dispatch_repo.finish(conn, results, now=self._clock.now())
        for c, r in zip(claimed, results, strict=True):
            DISPATCHED.labels(c.channel, c.kind, r.status).inc()
            if r.status == "sent" and r.sent_at is not None:
                DUE_TO_SENT.labels(c.channel).observe(max((r.sent_at - c.due_at).total_seconds(), 0))
            elif r.status == "failed":
                log.error("notification_failed", notification_id=c.id, channel=c.channel, error=r.last_error)
        return len(claimed)

    async def _one(self, c: Claimed, now: datetime) -> Result:
        decision = decide(c, now=now, quiet=self._quiet)
        if isinstance(decision, Finish):
            return Result(c.id, decision.status, outcome=decision.outcome)
        if isinstance(decision, Defer):
            return Result(c.id, "pending", due_at=decision.until, refund=1, outcome="quiet_hours")
        text = self._texts.render(c.kind, decision.language, c.params)
        try:
            async with self._limit:
                if c.channel == "sms" and self._quiet.contains(self._clock.now()):
                    # It waited for its turn (a batch is claimed at once, sent a few at a time) and
                    # quiet hours began meanwhile: the morning, as if it had been due then.
                    later = self._quiet.next_allowed(self._clock.now())
                    return Result(c.id, "pending", due_at=later, refund=1, outcome="quiet_hours")
                if c.channel == "sms":
                    provider_id = await self._sms.send(
                        to=decision.address, text=text.body, idempotency_key=c.idempotency_key
                    )
                else:
                    provider_id = await self._mail.send(
                        to=decision.address, subject=text.subject, text=text.body, idempotency_key=c.idempotency_key
                    )
        except DeliveryFailed as exc:
            if exc.permanent or c.attempts >= self._config.max_attempts:
                outcome = "refused" if exc.permanent else "attempts_exhausted"
                return Result(c.id, "failed", outcome=outcome, last_error=str(exc))
            delay = backoff(
                c.attempts,
                base_s=self._config.retry_base_s,
                max_s=self._config.retry_max_s,
                retry_after_s=exc.retry_after_s,
            )
            return Result(c.id, "pending", due_at=now + delay, outcome="retrying", last_error=str(exc))
        return Result(c.id, "sent", outcome="sent", provider_id=provider_id, sent_at=self._clock.now())
