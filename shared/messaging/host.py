"""Runs a service's consumers on a connection it supervises, and proves they are attached.

aio-pika's robust connection has a history of coming back with zero consumers. Here a
plain connection is reopened by our own loop, which re-declares the topology and
re-consumes every queue; a watchdog asks the broker (passive declare) whether each queue
has consumers and forces a reconnect if one is missing. `/readyz` reads `ready`.
"""

import asyncio
import contextlib
from collections.abc import Sequence

from aio_pika.abc import AbstractChannel, AbstractConnection, AbstractQueue

from shared.logging import get_logger
from shared.messaging.connection import being_stopped, open_connection
from shared.messaging.consumer import Consumer
from shared.messaging.topology import declare_consumer
from shared.metrics import CONSUMERS_ATTACHED

log = get_logger(__name__)


class ConsumerHost:
    def __init__(
        self,
        *,
        amqp_url: str,
        name: str,
        consumers: Sequence[Consumer],
        prefetch: int = 64,
        heartbeat_s: int = 10,
        watchdog_interval_s: float = 5.0,
    ) -> None:
        self._url = amqp_url
        self._name = name
        self._consumers = list(consumers)
        self._prefetch = prefetch
        self._heartbeat_s = heartbeat_s
        self._watchdog_interval_s = watchdog_interval_s
        self._attached: dict[str, bool] = {c.topology.queue: False for c in self._consumers}
        self._connection: AbstractConnection | None = None
        self.connects = 0

    @property
    def ready(self) -> bool:
        return all(self._attached.values())

    def attached(self) -> dict[str, bool]:
        return dict(self._attached)

    async def run(self) -> None:
        """Consume until cancelled, reconnecting with backoff whenever the connection is lost."""
        backoff = 0.5
        while True:
            try:
                await self._run_connection()
                backoff = 0.5
            except asyncio.CancelledError:
                if being_stopped():
                    raise
                # A dying connection cancels the broker calls it had pending (aiormq): reconnect.
                log.warning("consumer_connection_lost", host=self._name, error="pending broker call cancelled")
            except Exception as exc:  # noqa: BLE001 - any failure means: reconnect
                log.warning("consumer_connection_lost", host=self._name, error=repr(exc))
            finally:
                self._mark_all(False)
                await self._close()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)

    async def _run_connection(self) -> None:
        connection = await open_connection(self._url, name=f"{self._name}-consume", heartbeat_s=self._heartbeat_s)
        self._connection = connection
        lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def on_close(*_: object) -> None:
            if not lost.done():
                lost.set_result(None)

        connection.close_callbacks.add(on_close)
        self.connects += 1
        queues: list[tuple[AbstractChannel, AbstractQueue]] = []
        for consumer in self._consumers:
            channel = await connection.channel(publisher_confirms=False)
            channel.close_callbacks.add(on_close)
            await channel.set_qos(prefetch_count=self._prefetch)
            queue = await declare_consumer(channel, consumer.topology)
            await queue.consume(consumer.on_message, no_ack=False)
            queues.append((channel, queue))
        check_channel = await connection.channel(publisher_confirms=False)
        check_channel.close_callbacks.add(on_close)
        log.info("consumers_attached", host=self._name, queues=[q.name for _, q in queues])
        while not lost.done():
            try:
                # Bounded: on a half-open connection the broker's answer never comes, and this loop
                # must not wait for it longer than the heartbeats would.
                async with asyncio.timeout(self._watchdog_interval_s):
                    await self._verify(check_channel, queues)
            except TimeoutError:
                raise ConnectionError("the broker did not answer the consumer check in time") from None
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for can lose a cancellation.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self._watchdog_interval_s):
                    await asyncio.shield(lost)
        raise ConnectionError("connection closed")

    async def _verify(
        self, check_channel: AbstractChannel, queues: list[tuple[AbstractChannel, AbstractQueue]]
    ) -> None:
        for channel, queue in queues:
            ok = not channel.is_closed
            if ok:
                result = await check_channel.declare_queue(queue.name, passive=True)
                ok = (result.declaration_result.consumer_count or 0) > 0
            self._set(queue.name, ok)
            if not ok:
                raise ConnectionError(f"queue {queue.name} has no consumer; reconnecting")

    def _set(self, queue: str, value: bool) -> None:
        self._attached[queue] = value
        CONSUMERS_ATTACHED.labels(queue).set(1 if value else 0)

    def _mark_all(self, value: bool) -> None:
        for queue in self._attached:
            self._set(queue, value)

    async def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)
