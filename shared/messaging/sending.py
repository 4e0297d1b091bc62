"""Publishing without queueing behind the other publishers on the same channel.

aio-pika's `Exchange.publish` calls aiormq's `basic_publish` with `wait=True`: the channel's lock
is held until the connection's writer task has written the frames and drained the socket. Every
other publish on that channel waits for the lock meanwhile, so concurrent publishers go one at a
time, each costing a few turns of a busy event loop: under a rush, booking's questions to
eligibility waited about 80 ms in that line before they reached the broker.

With `wait=False` the lock covers only numbering the message and queueing its frames; the caller
still waits for what matters — the broker's confirm (or return) on a confirming channel — and a
lost connection still fails that wait. Where a channel does not confirm (the RPC server's
replies), nothing was waited for beyond the local socket buffer anyway.
"""

import aio_pika
import aiormq
from aio_pika.abc import AbstractChannel
from aiormq.abc import ConfirmationFrameType


async def send(
    channel: AbstractChannel,
    message: aio_pika.Message,
    *,
    exchange: str = "",
    routing_key: str,
    mandatory: bool = True,
    timeout: float | None = None,
) -> ConfirmationFrameType | None:
    """What `exchange.publish(message, routing_key, mandatory=..., timeout=...)` answers and raises
    (returned → `PublishError` where the channel says so, nacked → `DeliveryError`), without
    waiting for the socket to drain under the channel's lock."""
    underlay = await channel.get_underlay_channel()
    assert isinstance(underlay, aiormq.Channel)  # the one implementation, whose publish can skip the drain
    return await underlay.basic_publish(
        message.body,
        exchange=exchange,
        routing_key=routing_key,
        properties=message.properties,
        mandatory=mandatory,
        timeout=timeout,
        wait=False,
    )
