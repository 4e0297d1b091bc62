"""Opening AMQP connections with heartbeats on and a name the broker shows."""

import asyncio

import aio_pika
from aio_pika.abc import AbstractConnection
from yarl import URL


async def open_connection(amqp_url: str, *, name: str, heartbeat_s: int, timeout_s: float = 10) -> AbstractConnection:
    """A plain (non-robust) connection: our own supervisors reopen it and re-declare everything,
    so recovery is code we test rather than library behaviour we hope for."""
    url = URL(amqp_url).update_query(heartbeat=str(heartbeat_s), name=name)
    return await aio_pika.connect(url, timeout=timeout_s, client_properties={"connection_name": name})


def being_stopped() -> bool:
    """Whether the current task is being cancelled. aiormq also cancels the futures of calls
    pending on a connection it drops; that `CancelledError` means "connection lost", not "stop"."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
