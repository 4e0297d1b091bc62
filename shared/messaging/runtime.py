"""Wires a service's messaging: one publisher, the outbox relay and the consumer host."""

import asyncio
import contextlib
from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from shared.health import ReadinessCheck
from shared.messaging.consumer import Consumer, Gate, Handler
from shared.messaging.envelope import Contract
from shared.messaging.host import ConsumerHost
from shared.messaging.identities import login_of
from shared.messaging.publisher import Publisher
from shared.messaging.relay import OutboxRelay
from shared.messaging.senders import SenderCheck
from shared.messaging.topology import ConsumerTopology
from shared.settings import ServiceSettings

Subscriptions = Mapping[tuple[str, str], tuple[type[Contract], ...]]


class Messaging:
    """Start with `start()`, stop with `stop()`; `consumer()` adds a consumer before start."""

    def __init__(
        self,
        *,
        settings: ServiceSettings,
        service: str,
        engine: AsyncEngine,
        sessionmaker: async_sessionmaker[AsyncSession],
        owners: Mapping[str, str] | None,
        subscriptions: Subscriptions | None = None,
        run_relay: bool = True,
    ) -> None:
        """`owners` maps each message type to the service that may send it (shared.contracts.owners):
        every consumer parks anything else as UNTRUSTED_SENDER. None checks nobody (the toolkit's
        own tests and benchmarks, whose made-up message types belong to no service).

        `subscriptions` (shared.contracts.subscriptions) is what each consumer is declared to take:
        `consumer()` refuses a handler table that differs from it, so the bindings, the handlers
        and docs/asyncapi.yaml agree."""
        self._settings = settings
        self._subscriptions = subscriptions
        self.service = service
        self._engine = engine
        self._sessionmaker = sessionmaker
        self._run_relay = run_relay
        self.publisher = Publisher(
            settings.amqp_url, namespace=settings.namespace, name=service, heartbeat_s=settings.heartbeat_s
        )
        self.relay = OutboxRelay(
            engine=engine,
            publisher=self.publisher,
            database_url=settings.database_url,
            batch_size=settings.outbox_batch_size,
            poll_interval_s=settings.outbox_poll_interval_s,
        )
        self._senders = None if owners is None else SenderCheck(me=login_of(settings.amqp_url), owners=owners)
        self.consumers: list[Consumer] = []
        self.host: ConsumerHost | None = None
        self._tasks: list[asyncio.Task[None]] = []

    def consumer(
        self,
        name: str,
        handlers: dict[type[Contract], Handler],
        *,
        max_attempts: int = 5,
        gate: Gate | None = None,
        batch_size: int = 1,
    ) -> Consumer:
        if self._subscriptions is not None:
            declared = set(self._subscriptions.get((self.service, name), ()))
            if declared != set(handlers):
                wired = sorted(kind.message_type for kind in handlers)
                raise ValueError(
                    f"consumer {self.service}.{name} handles {wired}, but shared/contracts/subscriptions.py "
                    f"declares {sorted(kind.message_type for kind in declared)}: change both, then run "
                    "python -m deploy.docs"
                )
        topology = ConsumerTopology(
            namespace=self._settings.namespace,
            service=self.service,
            consumer=name,
            routing_keys=tuple(contract.message_type for contract in handlers),
            retry_delays_s=self._settings.retry_delays_s,
        )
        consumer = Consumer(
            topology=topology,
            handlers=handlers,
            engine=self._engine,
            publisher=self.publisher,
            max_attempts=max_attempts,
            gate=gate,
            batch_size=batch_size,
            senders=self._senders,
            outbox_committed=self.relay.wake if self._run_relay else None,
        )
        self.consumers.append(consumer)
        return consumer

    async def start(self) -> None:
        if self.consumers:
            self.host = ConsumerHost(
                amqp_url=self._settings.amqp_url,
                name=self.service,
                consumers=self.consumers,
                prefetch=self._settings.consumer_prefetch,
                heartbeat_s=self._settings.heartbeat_s,
            )
            self._tasks.append(asyncio.create_task(self.host.run(), name=f"{self.service}-consumers"))
        if self._run_relay:
            self._tasks.append(asyncio.create_task(self.relay.run(), name=f"{self.service}-outbox-relay"))

    async def stop(self, grace_s: float = 5.0) -> None:
        """Let the relay finish the batch in hand (up to `grace_s`), then cancel what is left."""
        self.relay.request_stop()
        relay_tasks = [t for t in self._tasks if t.get_name().endswith("outbox-relay")]
        if relay_tasks:
            await asyncio.wait(relay_tasks, timeout=grace_s)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        await self.publisher.close()

    def readiness_checks(self) -> list[ReadinessCheck]:
        async def consumers_attached() -> tuple[bool, str]:
            if self.host is None:
                return True, "no consumers"
            missing = [queue for queue, ok in self.host.attached().items() if not ok]
            return (not missing), ("ok" if not missing else "no consumer on " + ", ".join(missing))

        async def outbox_relay_alive() -> tuple[bool, str]:
            dead = [t.get_name() for t in self._tasks if t.done()]
            return (not dead), ("ok" if not dead else "stopped: " + ", ".join(dead))

        return [ReadinessCheck("consumers", consumers_attached), ReadinessCheck("tasks", outbox_relay_alive)]
