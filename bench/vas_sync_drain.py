"""Backlog drain after a VAS outage: with VAS down, N `appointment.requested` events are
published; then VAS comes back and the rate at which the appointments appear in VAS is
measured (the simulator's `created_at`, from the moment the fault was cleared). The reference
makes the same N appointments in VAS directly, with a given number of calls in flight."""

import asyncio
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

import aio_pika
import aiohttp
import asyncpg

from bench.processes import login_as
from bench.vas_sync_stack import AMQP, CLINIC, TIME_TYPE, faults, wait_until
from shared.contracts.appointments import AppointmentRequested
from shared.contracts.common import Actor, Channel
from shared.messaging.envelope import Envelope
from shared.messaging.publisher import Publisher


async def publish_requests(namespace: str, slots: list[str], people: list[str], first: datetime) -> list[str]:
    publisher = Publisher(login_as("booking", AMQP), namespace=namespace, name="bench-drain")
    ids: list[str] = []
    try:
        envelopes = []
        for i, slot in enumerate(slots):
            event = AppointmentRequested(
                appointment_id=uuid.uuid4(),
                version=1,
                slot_id=slot,
                clinic_hsa_id=CLINIC,
                time_type_code=TIME_TYPE,
                start=first + timedelta(minutes=10 * i),
                end=first + timedelta(minutes=10 * i + 10),
                subject=people[i % len(people)],
                actor=Actor.CITIZEN,
                channel=Channel.WEB,
            )
            ids.append(str(event.appointment_id))
            envelopes.append(Envelope.wrap(event))
        for start in range(0, len(envelopes), 500):
            await asyncio.gather(*(publisher.publish(e) for e in envelopes[start : start + 500]))
    finally:
        await publisher.close()
    return ids


async def _made(vas_dsn: str, prefix: str) -> tuple[int, list[float], int]:
    """Booked VAS appointments on the run's times: count, creation times, references held twice."""
    conn = await asyncpg.connect(vas_dsn)
    try:
        rows = await conn.fetch(
            "SELECT reference, extract(epoch from created_at) FROM appointments"
            " WHERE timeslot_id LIKE $1 AND status = 'booked' ORDER BY created_at",
            prefix + "%",
        )
    finally:
        await conn.close()
    references = [r[0] for r in rows]
    return len(rows), [float(r[1]) for r in rows], len(references) - len(set(references))


def _result(n: int, since: float, created: list[float]) -> dict[str, Any]:
    if not created:
        return {"appointments": 0}
    last = created[-1] - since
    p99 = created[min(len(created) - 1, int(0.99 * n))] - since
    return {
        "appointments": len(created),
        "seconds": round(last, 2),
        "per_s": round(n / last, 1) if last > 0 else 0.0,
        "first_after_s": round(created[0] - since, 2),
        "per_s_to_99pct": round(0.99 * n / p99, 1) if p99 > 0 else 0.0,
        # without the wait for the circuit's first probe after VAS came back
        "per_s_after_first": round((n - 1) / (created[-1] - created[0]), 1) if created[-1] > created[0] else 0.0,
    }


async def direct(vas_url: str, vas_dsn: str, slots: list[str], people: list[str], concurrency: int) -> dict[str, Any]:
    """The ceiling: a plain loop making the appointments in VAS itself (aiohttp)."""
    todo = iter(range(len(slots)))
    statuses: dict[int, int] = {}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base_url=vas_url, connector=connector) as http:

        async def worker() -> None:
            for i in todo:
                body = {
                    "timeslot_id": slots[i],
                    "subject": people[i % len(people)],
                    "reference": str(uuid.uuid4()),
                    "channel": "web",
                }
                async with http.post("/api/appointments", json=body) as response:
                    await response.read()
                    statuses[response.status] = statuses.get(response.status, 0) + 1

        started = time.time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    prefix = slots[0].rsplit("-", 1)[0] + "-"
    _, created, twice = await _made(vas_dsn, prefix)
    return {**_result(len(slots), started, created), "statuses": statuses, "references_twice": twice}


async def through_sync(
    vas_url: str, vas_dsn: str, sync_dsn: str, namespace: str, slots: list[str], people: list[str], first: datetime
) -> dict[str, Any]:
    """VAS down, the backlog published, VAS back: how fast vas_sync makes them all."""
    await faults(vas_url, "down")
    await asyncio.sleep(0.5)
    published_at = time.time()
    ids = await publish_requests(namespace, slots, people, first)
    publish_s = time.time() - published_at
    await asyncio.sleep(2.0)  # the circuit is open; the backlog waits in the queue
    since = time.time()
    await faults(vas_url, None)
    prefix = slots[0].rsplit("-", 1)[0] + "-"

    async def all_made() -> bool:
        return (await _made(vas_dsn, prefix))[0] >= len(slots)

    await wait_until(all_made, 600, "the backlog to reach VAS", interval=0.25)
    _, created, twice = await _made(vas_dsn, prefix)

    async def all_confirmed() -> bool:
        return await _confirmed(sync_dsn, ids) >= len(ids)

    await wait_until(all_confirmed, 60, "vas_sync to record every confirmation")
    parked = await _parked(namespace)
    return {
        **_result(len(slots), since, created),
        "publish_s": round(publish_s, 2),
        "references_twice": twice,
        "confirmed_in_sync": await _confirmed(sync_dsn, ids),
        "parked": parked,
    }


async def _confirmed(sync_dsn: str, ids: list[str]) -> int:
    conn = await asyncpg.connect(sync_dsn)
    try:
        value = await conn.fetchval(
            "SELECT count(*) FROM sync_appointments WHERE outcome = 'confirmed' AND appointment_id = ANY($1::uuid[])",
            ids,
        )
    finally:
        await conn.close()
    return int(value or 0)


async def _parked(namespace: str) -> int:
    connection = await aio_pika.connect(AMQP)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(f"{namespace}.vas_sync.appointments.parking", passive=True)
        return int(queue.declaration_result.message_count or 0)
    finally:
        await connection.close()
