"""What a publisher puts in a parked message cannot break the failed-messages views, show a
personnummer, or make one click act on another consumer's copy."""

import json
import uuid

import aio_pika
import httpx

from shared.messaging.topology import ConsumerTopology, declare_consumer
from tests.support.broker import queue_counts
from tests.support.idp import staff_headers
from tests.support.infra import Infra
from tests.support.waiting import wait_for

OPS = staff_headers("operations", hsa_id="SE2321000115-E9001")


async def _declared(infra: Infra, namespace: str, *consumers: tuple[str, str]) -> list[ConsumerTopology]:
    topologies = [
        ConsumerTopology(namespace, service, consumer, ("thing.happened",)) for service, consumer in consumers
    ]
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel()
        for topology in topologies:
            await declare_consumer(channel, topology)
    return topologies


async def _park(infra: Infra, queue: str, body: bytes, message_id: str, **headers: object) -> None:
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        message = aio_pika.Message(body, message_id=message_id, type="thing.happened", headers=headers)  # type: ignore[arg-type]
        await channel.default_exchange.publish(message, routing_key=queue)


async def _parked(http: httpx.AsyncClient, n: int) -> None:
    async def ready() -> bool:
        found = (await http.get("/api/queues", headers=OPS)).json()["queues"]
        return sum(int(q.get("parked", 0)) for q in found) == n

    await wait_for(ready, timeout=30, interval=0.5)


async def test_what_a_publisher_puts_in_parked_messages_breaks_nothing_and_misdirects_nothing(
    infra: Infra, namespace: str, http: httpx.AsyncClient
) -> None:
    """One parking lot (waiting for the management API's counts once): bad failure headers, bodies
    too deep to show as JSON, and one event parked by two consumers."""
    things, booking, notifications = await _declared(
        infra, namespace, ("svc", "things"), ("booking", "things"), ("notifications", "things")
    )
    plain, hostile, deepest, deep = (str(uuid.uuid4()) for _ in range(4))
    await _park(infra, things.parking, b'{"x": 1}', plain, **{"x-parked-reason": "permanent", "x-last-error": "boom"})
    await _park(
        infra,
        things.parking,
        b"not json",
        hostile,
        **{"x-attempt": "1.5", "x-parked-at": "19121212-1212", "x-first-failure-at": "pnr 191212121212"},
    )
    for message_id, depth in ((deepest, 5000), (deep, 900)):
        await _park(infra, things.parking, b"[" * depth + b"]" * depth, message_id, **{"x-parked-reason": "invalid"})
    shared_id = str(uuid.uuid4())  # an event goes to every consumer that takes it, under one id
    body = json.dumps({"id": shared_id}).encode()
    await _park(infra, booking.parking, body, shared_id, **{"x-parked-reason": "permanent", "x-last-error": "A"})
    await _park(infra, notifications.parking, body, shared_id, **{"x-parked-reason": "permanent", "x-last-error": "B"})
    await _parked(http, 6)

    # Bad failure headers neither break the views nor show a personnummer.
    for path in ("/failed", "/api/failed", f"/messages/{hostile}", f"/api/messages/{hostile}"):
        answer = await http.get(path, headers=OPS)
        assert answer.status_code == 200, path
        assert "1212-1212" not in answer.text and "191212121212" not in answer.text, path
    shown = (await http.get(f"/api/messages/{hostile}", headers=OPS)).json()
    assert (shown["attempts"], shown["parked_at"], shown["first_failure_at"]) == (0, None, None)

    # A body too deep to show as JSON is shown as text.
    for message_id in (deepest, deep):
        for path in (f"/messages/{message_id}", f"/api/messages/{message_id}"):
            assert (await http.get(path, headers=OPS)).status_code == 200, path

    # One event parked by two consumers is acted on in the queue named, never the first copy found.
    unnamed = await http.post(f"/api/messages/{shared_id}/discard", headers=OPS)
    assert unnamed.status_code == 422  # which copy? nothing done
    named = {"consumer": notifications.queue}
    shown = (await http.get(f"/api/messages/{shared_id}", params=named, headers=OPS)).json()
    assert (shown["consumer"], shown["error"]) == (notifications.queue, "B")
    group = next(g for g in (await http.get("/api/failed", headers=OPS)).json()["groups"] if g["error"] == "B")
    page = (await http.get(f"/failed/{group['key']}", headers=OPS)).text
    assert f"/api/messages/{shared_id}/discard?consumer={notifications.queue}" in page
    answer = await http.post(f"/api/messages/{shared_id}/discard", params=named, headers=OPS)
    assert answer.json()["count"] == 1
    assert (await queue_counts(infra.amqp_url, notifications.parking))[0] == 0
    assert (await queue_counts(infra.amqp_url, booking.parking))[0] == 1
