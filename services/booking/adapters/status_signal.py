"""An appointment changed state: NOTIFY at commit (whichever replica handled the event), and
LISTEN, so that API requests with `Prefer: wait=N` on any replica learn of it.

One LISTEN connection per process.
"""

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

import asyncpg
import sqlalchemy as sa

from shared.db import Executor, asyncpg_dsn
from shared.logging import get_logger

CHANNEL = "appointment_status"


async def signal_status_change(session: Executor, appointment_id: uuid.UUID) -> None:
    await session.execute(sa.text("SELECT pg_notify(:channel, :id)"), {"channel": CHANNEL, "id": str(appointment_id)})


log = get_logger(__name__)


class StatusWaiter:
    def __init__(self, database_url: str) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._waiting: dict[str, set[asyncio.Event]] = {}
        self._task: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._listen(), name="appointment-status-listener")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @contextlib.asynccontextmanager
    async def expecting(self, appointment_id: uuid.UUID) -> AsyncIterator[asyncio.Event]:
        """Register interest before the change can happen, so a fast answer is not missed."""
        key = str(appointment_id)
        event = asyncio.Event()
        self._waiting.setdefault(key, set()).add(event)
        try:
            yield event
        finally:
            waiters = self._waiting.get(key)
            if waiters is not None:
                waiters.discard(event)
                if not waiters:
                    del self._waiting[key]

    def waiting_for(self, appointment_id: uuid.UUID) -> int:
        """How many requests wait on this appointment's status now."""
        return len(self._waiting.get(str(appointment_id), ()))

    def _notified(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        for event in self._waiting.get(str(payload), ()):
            event.set()

    async def _listen(self) -> None:
        while True:
            try:
                connection = await asyncpg.connect(self._dsn, timeout=5)
                try:
                    await connection.add_listener(CHANNEL, self._notified)
                    self.listening.set()
                    while True:
                        await asyncio.sleep(5)
                        await connection.fetchval("SELECT 1")
                finally:
                    self.listening.clear()
                    with contextlib.suppress(Exception):
                        await connection.close(timeout=2)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - reconnect; waiters fall back to their timeout
                log.warning("status_listener_failed", error=type(exc).__name__)
                await asyncio.sleep(1)
