"""The bare minimum of a VAS sync, for the benchmark's reference: one asyncio process, a plain
aio-pika consumer on `appointment.requested`, one HTTP call to VAS (aiohttp), the confirmation
published with a broker confirm, then the ack. No database, no inbox or outbox, no row lock, no
look-up by reference, no retries, no circuit breaker: what any VAS sync must do at least.

Environment: REF_AMQP_URL, REF_NAMESPACE, REF_VAS_URL, REF_PORT (a /livez answer, so the
benchmark knows it is consuming), REF_PREFETCH (16, like the service's default).
"""

import asyncio
import os
import uuid
from datetime import UTC, datetime

import aio_pika
import aiohttp
import orjson
from aiohttp import web
from yarl import URL

AMQP = os.environ.get("REF_AMQP_URL", "amqp://tidbok-vas_sync:tidbok-vas_sync-dev@127.0.0.1:5672/")
LOGIN = URL(AMQP).user
NAMESPACE = os.environ["REF_NAMESPACE"]
VAS = os.environ["REF_VAS_URL"]
PORT = int(os.environ["REF_PORT"])
PREFETCH = int(os.environ.get("REF_PREFETCH", "16"))
TRACE = "00-" + "0" * 31 + "1-" + "0" * 15 + "1-01"


def confirmation(message_id: str, request: dict[str, object], payload: dict[str, object], vas_id: str) -> bytes:
    """An `appointment.confirmed` envelope, as booking's consumer expects it."""
    return orjson.dumps(
        {
            "id": message_id,
            "type": "appointment.confirmed",
            "version": 1,
            "occurred_at": datetime.now(UTC).isoformat(),
            "correlation_id": request["correlation_id"],
            "causation_id": request["id"],
            "traceparent": TRACE,
            "payload": {
                "appointment_id": payload["appointment_id"],
                "version": payload["version"],
                "vas_appointment_id": vas_id,
            },
        }
    )


async def main() -> None:
    connection = await aio_pika.connect_robust(AMQP)
    consume = await connection.channel()
    await consume.set_qos(prefetch_count=PREFETCH)
    publish = await connection.channel(publisher_confirms=True)
    exchange = await publish.declare_exchange(f"{NAMESPACE}.events", aio_pika.ExchangeType.TOPIC, durable=True)
    queue = await consume.declare_queue(
        f"{NAMESPACE}.vas_sync.reference-appointments", durable=True, arguments={"x-queue-type": "quorum"}
    )
    await queue.bind(f"{NAMESPACE}.events", "appointment.requested")
    http = aiohttp.ClientSession(base_url=VAS, connector=aiohttp.TCPConnector(limit=64))

    async def handle(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        request = orjson.loads(message.body)
        payload = request["payload"]
        body = {
            "timeslot_id": payload["slot_id"],
            "subject": payload["subject"],
            "reference": payload["appointment_id"],
            "channel": "web",
        }
        async with http.post("/api/appointments", json=body) as response:
            answer = await response.json()
        if response.status in (200, 201):
            message_id = str(uuid.uuid4())
            out = aio_pika.Message(
                confirmation(message_id, request, payload, answer["id"]),
                message_id=message_id,
                type="appointment.confirmed",
                content_type="application/json",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                user_id=LOGIN,  # booking takes confirmations only from VAS sync's login
            )
            await exchange.publish(out, routing_key="appointment.confirmed")
        await message.ack()

    await queue.consume(handle)

    async def livez(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_get("/livez", livez)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", PORT).start()
    try:
        await asyncio.Event().wait()
    finally:
        await http.close()
        await connection.close()


if __name__ == "__main__":
    asyncio.run(main())
