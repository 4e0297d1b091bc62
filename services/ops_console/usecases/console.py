"""What the console does: read the broker, the parking queues and the services; retry or discard
failed messages (audited); keep a sampled history. The pages and the command line both use it."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import structlog

from services.ops_console.adapters.parked import Parked
from services.ops_console.adapters.probes import Probes, ServiceView
from services.ops_console.adapters.rabbit_api import BrokerUnavailable, RabbitApi
from services.ops_console.adapters.store import Store
from services.ops_console.domain.failures import Failed, FailedGroup, grouped, message_view
from services.ops_console.domain.queues import QueueFamily, StuckWatch, families

log = structlog.get_logger(__name__)


class NotFound(Exception):
    pass


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

    async def queues(self) -> list[QueueFamily]:
        found = families(await self.broker.queues(self.namespace), self.namespace)
        now = time.monotonic()
        return [self.stuck.judge(f, now) for f in found]

    async def failed(self) -> list[Failed]:
        with_parked = [f.name for f in await self.queues() if f.parked]
        return await self.parked.read(with_parked)

    async def groups(self) -> list[FailedGroup]:
        return grouped(await self.failed())

    async def group(self, key: str) -> tuple[FailedGroup, list[Failed]]:
        failed = await self.failed()
        members = [f for f in failed if f.group == key]
        if not members:
            raise NotFound(key)
        [group] = grouped(members)
        return group, members

    async def message(self, message_id: str) -> dict[str, Any]:
        for f in await self.failed():
            if f.message.message_id == message_id:
                return message_view(f)
        raise NotFound(message_id)

    async def act_on_group(self, key: str, action: str, *, actor_id: str) -> int:
        """Retry (replay, same message id) or discard every message of a group; audited."""
        group, members = await self.group(key)
        ids = {f.message.message_id for f in members}
        done = await self.parked.act(group.queue, action, lambda m: m.message_id in ids)
        await self.store.audit(
            actor_id=actor_id,
            action=action,
            target=f"group:{key}",
            count=len(done),
            details={"consumer": group.queue, "message_type": group.message_type, "message_ids": sorted(ids)},
        )
        log.info("ops_console_action", actor=actor_id, action=action, group=key, count=len(done))
        return len(done)

    async def act_on_message(self, message_id: str, action: str, *, actor_id: str) -> int:
        found = next((f for f in await self.failed() if f.message.message_id == message_id), None)
        if found is None:
            raise NotFound(message_id)
        done = await self.parked.act(found.queue, action, lambda m: m.message_id == message_id)
        await self.store.audit(
            actor_id=actor_id,
            action=action,
            target=f"message:{message_id}",
            count=len(done),
            details={"consumer": found.queue, "message_type": found.message.message_type},
        )
        log.info("ops_console_action", actor=actor_id, action=action, message_id=message_id, count=len(done))
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
            return dict(answer.json()) if answer.status_code == 200 else None
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
            return dict(answer.json()) if answer.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None

    async def reconcile(self, token: str, *, clinic: str, day: str, actor_id: str) -> tuple[int, dict[str, Any]]:
        url = self.services.get("vas_sync")
        if not url:
            raise NotFound("vas_sync")
        answer = await self.http.post(
            f"{url}/ops/reconcile",
            json={"clinic": clinic, "day": day},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        body = dict(answer.json())
        fixed = len(body.get("fixed") or []) if answer.status_code == 200 else 0
        await self.store.audit(
            actor_id=actor_id,
            action="reconcile",
            target=f"{clinic}/{day}",
            count=fixed,
            details={"status": answer.status_code, "report": body.get("id")},
        )
        return answer.status_code, body

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
