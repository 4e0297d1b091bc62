"""An outbox relay in its own process, so a test can SIGKILL it mid-batch.

Usage: python -m tests.support.toolkit.relay_proc DATABASE_URL AMQP_URL NAMESPACE BATCH_SIZE [LINGER_S]

LINGER_S > 0 makes each publish wait that long after the broker's confirm, widening the window
in which a kill leaves messages published but not marked sent (the case the inbox must absorb).
"""

import asyncio
import os
import sys

import aio_pika

from shared.db import make_engine
from shared.messaging.publisher import Publisher
from shared.messaging.relay import OutboxRelay


class LingeringPublisher(Publisher):
    linger_s = 0.0

    async def publish_message(self, message: aio_pika.Message, *, exchange: str, routing_key: str) -> None:
        await super().publish_message(message, exchange=exchange, routing_key=routing_key)
        await asyncio.sleep(self.linger_s)


async def main(database_url: str, amqp_url: str, namespace: str, batch_size: int, linger_s: float) -> None:
    engine = make_engine(database_url, application_name=f"relay-proc-{os.getpid()}")
    publisher = LingeringPublisher(amqp_url, namespace=namespace, name="relay-proc")
    publisher.linger_s = linger_s
    relay = OutboxRelay(
        engine=engine, publisher=publisher, database_url=database_url, batch_size=batch_size, poll_interval_s=0.2
    )
    print("relay-started", flush=True)
    await relay.run()


if __name__ == "__main__":
    linger = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), linger))
