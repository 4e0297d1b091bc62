"""How many messages wait in a consumer's queues (for ops views): ready in the queue, in each
retry tier, and parked. Opens a short connection; meant for an ops endpoint, not a hot path."""

from shared.messaging.connection import open_connection
from shared.messaging.topology import ConsumerTopology


async def queue_depths(amqp_url: str, topology: ConsumerTopology) -> dict[str, int]:
    names = {
        "queue": topology.queue,
        **{f"retry_{d}s": topology.retry_queue(d) for d in topology.retry_delays_s},
        "parking": topology.parking,
    }
    connection = await open_connection(amqp_url, name=f"{topology.name}-depths", heartbeat_s=30, timeout_s=5)
    try:
        channel = await connection.channel()
        depths = {}
        for label, name in names.items():
            queue = await channel.declare_queue(name, passive=True)
            depths[label] = int(queue.declaration_result.message_count or 0)
        return depths
    finally:
        await connection.close()
