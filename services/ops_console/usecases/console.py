"""What the console does: read the broker, the parking queues and the services; retry or discard
failed messages (audited); keep a sampled history. The pages and the command line both use it."""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import structlog

from services.ops_console.adapters.parked import Parked
from services.ops_console.adapters.probes import Probes, ServiceView
from services.ops_console.adapters.rabbit_api import BrokerUnavailable, RabbitApi
from services.ops_console.adapters.store import Store
from services.ops_console.domain.failures import Failed, FailedGroup, grouped, masked_json, message_view
from services.ops_console.domain.queues import QueueFamily, StuckWatch, families
from shared.messaging.parking import ParkedMessage

log = structlog.get_logger(__name__)


class InSeveralQueues(Exception):
    """A message id parked by more than one consumer, asked for without naming the queue."""

    def __init__(self, queues: list[str]) -> None:
        super().__init__(", ".join(queues))
        self.queues = queues


class NotFound(Exception):
    pass


class VasSyncUnreachable(Exception):
    pass


READ_TTL_S = 3.0  # parked messages read once per this many seconds, however many screens watch
ACTION_ROUNDS = 3  # a message held by another reader is looked for again


@dataclass
class Console:
    namespace: str
    broker: RabbitApi
    parked: Parked
    probes: Probes
    store: Store
    stuck: StuckWatch
    services: dict[str, str]
    http: httpx.AsyncClient
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _read: tuple[float, list[Failed]] | None = None

    async def queues(self) -> list[QueueFamily]:
        found = families(await self.broker.queues(self.namespace), self.namespace)
        now = time.monotonic()
        return [self.stuck.judge(f, now) for f in found]

    async def failed(self) -> list[Failed]:
        """The parked messages. Reading one takes it off its queue and puts it back, so reads are
        shared (one per few seconds, whatever the number of screens) and never overlap an action."""
        async with self._lock:
            if self._read is not None and time.monotonic() - self._read[0] < READ_TTL_S:
                return self._read[1]
            with_parked = [f.name for f in await self.queues() if f.parked]
            found = await self.parked.read(with_parked)
            self._read = (time.monotonic(), found)
            return found

    async def groups(self) -> list[FailedGroup]:
        return grouped(await self.failed())

    async def group(self, key: str) -> tuple[FailedGroup, list[Failed]]:
        failed = await self.failed()
        members = [f for f in failed if f.group == key]
        if not members:
            raise NotFound(key)
        [group] = grouped(members)
        return group, members

    async def _one(self, message_id: str, queue: str | None) -> Failed:
        """The parked message with this id — in `queue`'s parking when given. An event goes to
        several consumers under one id: parked by more than one, it must be named by its queue."""
        found = [f for f in await self.failed() if f.message.message_id == message_id and queue in (None, f.queue)]
        if not found:
            raise NotFound(message_id)
        if len({f.queue for f in found}) > 1:
            raise InSeveralQueues(sorted({f.queue for f in found}))
        return found[0]

    async def message(self, message_id: str, queue: str | None = None) -> dict[str, Any]:
        return message_view(await self._one(message_id, queue))

    async def act_on_group(self, key: str, action: str, *, actor_id: str) -> int:
        """Retry (replay, same message id) or discard every message of a group; audited."""
        group, members = await self.group(key)
        ids = {f.message.message_id for f in members}
        return await self._act(
            group.queue,
            action,
            ids,
            lambda m: m.message_id in ids and Failed(group.queue, m).group == key,
            actor_id=actor_id,
            target=f"group:{key}",
            details={"consumer": group.queue, "message_type": group.message_type},
        )

    async def act_on_message(self, message_id: str, action: str, *, actor_id: str, queue: str | None = None) -> int:
        found = await self._one(message_id, queue)
        return await self._act(
            found.queue,
            action,
            {message_id},
            lambda m: m.message_id == message_id,
            actor_id=actor_id,
            target=f"message:{message_id}",
            details={"consumer": found.queue, "message_type": found.message.message_type},
        )

    async def _act(
        self,
        queue: str,
        action: str,
        ids: set[str],
        chosen: Callable[[ParkedMessage], bool],
        *,
        actor_id: str,
        target: str,
        details: dict[str, Any],
    ) -> int:
        """Until every chosen message is done (another reader may hold some for a moment), at most
        a few rounds; the audit says what was done and what was not found, failure or not."""
        done: list[str] = []
        error: str | None = None
        try:
            async with self._lock:
                self._read = None
                for round_ in range(ACTION_ROUNDS):
                    acted = await self.parked.act(queue, action, _not_in(chosen, set(done)))
                    done += [m.message_id for m in acted]
                    if ids <= set(done):
                        break
                    if round_ < ACTION_ROUNDS - 1:
                        await asyncio.sleep(0.5)
        except Exception as exc:
            error = type(exc).__name__
            raise
        finally:
            await self.store.audit(
                actor_id=actor_id,
                action=action,
                target=target,
                count=len(done),
                details={
                    **details,
                    "message_ids": sorted(done),
                    "not_found": sorted(ids - set(done)),
                    **({"error": error} if error else {}),
                },
            )
            log.info("ops_console_action", actor=actor_id, action=action, target=target, count=len(done), error=error)
        return len(done)

    async def service_views(self) -> list[ServiceView]:
        return await self.probes.all()

    async def vas_sync_status(self, token: str) -> dict[str, Any] | None:
        """VAS sync's own ops view (circuit, feed lag, last reconciliation), asked with the staff
        member's own token."""
        url = self.services.get("vas_sync")
        if not url:
            return None
        try:
            answer = await self.http.get(f"{url}/ops/status", headers={"Authorization": f"Bearer {token}"})
            return dict(masked_json(answer.json())) if answer.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None

    async def notifications_failed(self, token: str) -> dict[str, Any] | None:
        url = self.services.get("notifications")
        if not url:
            return None
        try:
            answer = await self.http.get(
                f"{url}/v1/ops/notifications/summary", headers={"Authorization": f"Bearer {token}"}
            )
            return dict(masked_json(answer.json())) if answer.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None

    async def reconcile(self, token: str, *, clinic: str, day: str, actor_id: str) -> tuple[int, dict[str, Any]]:
        url = self.services.get("vas_sync")
        if not url:
            raise NotFound("vas_sync")
        status, body, error = 502, {}, None
        try:
            answer = await self.http.post(
                f"{url}/ops/reconcile",
                json={"clinic": clinic, "day": day},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            status, body = answer.status_code, dict(masked_json(answer.json()))
        except (httpx.HTTPError, ValueError) as exc:
            error = type(exc).__name__
        finally:
            fixed = len(body.get("fixed") or []) if status == 200 else 0
            await self.store.audit(
                actor_id=actor_id,
                action="reconcile",
                target=f"{clinic}/{day}",
                count=fixed,
                details={"status": status, "report": body.get("id"), **({"error": error} if error else {})},
            )
        if error:
            raise VasSyncUnreachable(error)
        return status, body

    async def sample(self, keep: timedelta) -> dict[str, float]:
        """One point of history: per consumer queue its backlog, parked and delivery rate, and
        per service its outbox backlog."""
        values: dict[str, float] = {}
        try:
            for f in await self.queues():
                short = f.name.removeprefix(self.namespace + ".")
                values[f"backlog:{short}"] = f.queue.messages + f.in_retry
                values[f"parked:{short}"] = f.parked
                values[f"rate:{short}"] = f.queue.ack_rate
        except BrokerUnavailable:
            values["broker_unavailable"] = 1
        for s in await self.probes.all():
            values[f"ready:{s.name}"] = 1.0 if s.ready else 0.0
            if "tidbok_outbox_backlog" in s.metrics:
                values[f"outbox:{s.name}"] = s.metrics["tidbok_outbox_backlog"]
        await self.store.sample(datetime.now(UTC), values, keep=keep)
        return values


def _not_in(chosen: Callable[[ParkedMessage], bool], done: set[str]) -> Callable[[ParkedMessage], bool]:
    """`chosen`, less the messages already done (a copy parked twice is acted on once)."""
    return lambda m: chosen(m) and m.message_id not in done
