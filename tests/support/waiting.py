"""Polling helpers for asynchronous outcomes (never sleeps standing in for a check)."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from shared.messaging.runtime import Messaging

T = TypeVar("T")


async def wait_for(predicate: Callable[[], Awaitable[T]], timeout: float = 30.0, interval: float = 0.1) -> T:
    """Poll `predicate` until it returns something truthy; fail with the last value on timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last value {value!r})")
        await asyncio.sleep(interval)


async def consumers_ready(messaging: Messaging) -> bool:
    return messaging.host is not None and messaging.host.ready
