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


async def test_bad_failure_headers_neither_break_the_views_nor_show_a_personnummer(
    infra: Infra, namespace: str, http: httpx.AsyncClient
) -> None:
    [things] = await _declared(infra, namespace, ("svc", "things"))
    plain, hostile = str(uuid.uuid4()), str(uuid.uuid4())
    await _park(infra, things.parking, b'{"x": 1}', plain, **{"x-parked-reason": "permanent", "x-last-error": "boom"})
    await _park(
        infra,
        things.parking,
        b"not json",
        hostile,
        **{"x-attempt": "1.5", "x-parked-at": "19121212-1212", "x-first-failure-at": "pnr 191212121212"},
    )
    await _parked(http, 2)
    for path in ("/failed", "/api/failed", f"/messages/{hostile}", f"/api/messages/{hostile}"):
        answer = await http.get(path, headers=OPS)
        assert answer.status_code == 200, path
        assert "1212-1212" not in answer.text and "191212121212" not in answer.text, path
    shown = (await http.get(f"/api/messages/{hostile}", headers=OPS)).json()
    assert (shown["attempts"], shown["parked_at"], shown["first_failure_at"]) == (0, None, None)


async def test_a_body_too_deep_to_show_as_json_is_shown_as_text(
    infra: Infra, namespace: str, http: httpx.AsyncClient
) -> None:
    [things] = await _declared(infra, namespace, ("svc", "things"))
    ids = [str(uuid.uuid4()), str(uuid.uuid4())]
    for message_id, depth in zip(ids, (5000, 900), strict=True):
        await _park(infra, things.parking, b"[" * depth + b"]" * depth, message_id, **{"x-parked-reason": "invalid"})
    await _parked(http, 2)
    for message_id in ids:
        for path in (f"/messages/{message_id}", f"/api/messages/{message_id}"):
            assert (await http.get(path, headers=OPS)).status_code == 200, path


async def test_one_event_parked_by_two_consumers_is_acted_on_in_the_queue_named(
    infra: Infra, namespace: str, http: httpx.AsyncClient
) -> None:
    """An event goes to every consumer that takes it, under one message id."""
    booking, notifications = await _declared(infra, namespace, ("booking", "things"), ("notifications", "things"))
    message_id = str(uuid.uuid4())
    body = json.dumps({"id": message_id}).encode()
    await _park(infra, booking.parking, body, message_id, **{"x-parked-reason": "permanent", "x-last-error": "A"})
    await _park(infra, notifications.parking, body, message_id, **{"x-parked-reason": "permanent", "x-last-error": "B"})
    await _parked(http, 2)
    unnamed = await http.post(f"/api/messages/{message_id}/discard", headers=OPS)
    assert unnamed.status_code == 422  # which copy? nothing done
    named = {"consumer": notifications.queue}
    shown = (await http.get(f"/api/messages/{message_id}", params=named, headers=OPS)).json()
    assert (shown["consumer"], shown["error"]) == (notifications.queue, "B")
    group = next(g for g in (await http.get("/api/failed", headers=OPS)).json()["groups"] if g["error"] == "B")
    page = (await http.get(f"/failed/{group['key']}", headers=OPS)).text
    assert f"/api/messages/{message_id}/discard?consumer={notifications.queue}" in page
    answer = await http.post(f"/api/messages/{message_id}/discard", params=named, headers=OPS)
    assert answer.json()["count"] == 1
    assert (await queue_counts(infra.amqp_url, notifications.parking))[0] == 0
    assert (await queue_counts(infra.amqp_url, booking.parking))[0] == 1
