"""Accepted → confirmed at a fixed booking rate: an open-loop generator posts bookings at `rate`
per second; "accepted" is when the 201 arrives, "confirmed" when booking's NOTIFY on
`appointment_status` arrives (sent at the commit that turns the appointment `booked`), both on
this process's wall clock — no polling. Afterwards the databases give each booking's way through
the system (transaction start times; PostgreSQL and this process share the machine's clock)."""

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import asyncpg

from bench.vas_sync_stack import wait_until

CHANNEL = "appointment_status"  # services/booking/adapters/status_signal.py
CONDITIONS = ["no-fever-24h", "not-urgent"]


@dataclass
class LatencyRun:
    accepted: dict[str, float] = field(default_factory=dict)  # appointment id → wall time of the 201
    confirmed: dict[str, float] = field(default_factory=dict)  # appointment id → wall time of NOTIFY
    post_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    behind_ms: float = 0.0  # how late the generator sent its last request (open loop kept?)
    started: float = 0.0
    sent_until: float = 0.0
    all_confirmed_at: float = 0.0

    def latencies_ms(self) -> list[float]:
        return [(self.confirmed[a] - t) * 1000 for a, t in self.accepted.items() if a in self.confirmed]


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def drive(booking_url: str, booking_dsn: str, slots: list[str], tokens: list[str], rate: float) -> LatencyRun:
    run = LatencyRun()
    listener = await asyncpg.connect(booking_dsn)

    def notified(_c: object, _p: int, _ch: str, payload: object) -> None:
        run.confirmed.setdefault(str(payload), time.time())

    await listener.add_listener(CHANNEL, notified)
    connector = aiohttp.TCPConnector(limit=0)
    try:
        async with aiohttp.ClientSession(base_url=booking_url, connector=connector) as http:

            async def book(i: int) -> None:
                headers = {"Authorization": f"Bearer {tokens[i % len(tokens)]}", "Idempotency-Key": slots[i]}
                body = {"slot_id": slots[i], "confirmed_conditions": CONDITIONS}
                sent = time.time()
                async with http.post("/v1/appointments", json=body, headers=headers) as response:
                    answer = await response.json()
                    now = time.time()
                    run.statuses[response.status] = run.statuses.get(response.status, 0) + 1
                    if response.status == 201:
                        run.accepted[str(answer["id"])] = now
                        run.post_ms.append((now - sent) * 1000)

            loop = asyncio.get_running_loop()
            began = loop.time()
            run.started = time.time()
            tasks = []
            for i in range(len(slots)):
                delay = began + i / rate - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                tasks.append(asyncio.create_task(book(i)))
            run.behind_ms = max(0.0, (loop.time() - began - (len(slots) - 1) / rate) * 1000)
            run.sent_until = time.time()
            await asyncio.gather(*tasks)

        async def all_confirmed() -> bool:
            return all(a in run.confirmed for a in run.accepted)

        await wait_until(all_confirmed, 120, "every accepted booking to be confirmed", interval=0.05)
        run.all_confirmed_at = max(run.confirmed[a] for a in run.accepted) if run.accepted else time.time()
    finally:
        await listener.close()
    return run


async def _rows(dsn: str, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


_EVENT_OF = "convert_from(body, 'UTF8')::jsonb->'payload'->>'appointment_id'"


async def stages(run: LatencyRun, booking_dsn: str, sync_dsn: str | None, vas_dsn: str) -> dict[str, Any]:
    """Median and p99 (ms) of each point on a booking's way, from the start of booking's transaction."""
    ids = list(run.accepted)
    booking = {
        str(r[0]): float(r[1])
        for r in await _rows(booking_dsn, "SELECT id, extract(epoch from created_at) FROM appointments")
    }
    points: dict[str, dict[str, float]] = {"201 received": run.accepted}
    points["booking relay took the request"] = {
        r[0]: float(r[1])
        for r in await _rows(
            booking_dsn,
            f"SELECT {_EVENT_OF}, extract(epoch from published_at) FROM outbox"
            " WHERE message_type = 'appointment.requested' AND published_at IS NOT NULL",
        )
    }
    if sync_dsn is not None:
        points["vas_sync handler began"] = {
            str(r[0]): float(r[1])
            for r in await _rows(
                sync_dsn, "SELECT appointment_id, extract(epoch from synced_at) FROM sync_appointments"
            )
        }
    points["made in VAS"] = {
        r[0]: float(r[1])
        for r in await _rows(
            vas_dsn, "SELECT reference, extract(epoch from created_at) FROM appointments WHERE reference = ANY($1)", ids
        )
    }
    if sync_dsn is not None:
        points["vas_sync relay took the confirmation"] = {
            r[0]: float(r[1])
            for r in await _rows(
                sync_dsn,
                f"SELECT {_EVENT_OF}, extract(epoch from published_at) FROM outbox"
                " WHERE message_type = 'appointment.confirmed' AND published_at IS NOT NULL",
            )
        }
    points["booking confirm handler began"] = {
        str(r[0]): float(r[1])
        for r in await _rows(
            booking_dsn,
            "SELECT appointment_id, extract(epoch from at) FROM audit_log WHERE action = 'confirmed_in_vas'",
        )
    }
    points["confirmed (NOTIFY received)"] = run.confirmed
    out: dict[str, Any] = {}
    for name, at in points.items():
        deltas = [(at[a] - booking[a]) * 1000 for a in ids if a in at and a in booking]
        out[name] = {"p50_ms": round(pct(deltas, 50), 1), "p99_ms": round(pct(deltas, 99), 1), "n": len(deltas)}
    return out


async def exactly_once(run: LatencyRun, booking_dsn: str, vas_dsn: str) -> dict[str, int]:
    ids = list(run.accepted)
    per_reference = await _rows(
        vas_dsn,
        "SELECT reference, count(*) FROM appointments WHERE reference = ANY($1) AND status = 'booked' GROUP BY 1",
        ids,
    )
    booked = await _rows(
        booking_dsn, "SELECT count(*) FROM appointments WHERE id = ANY($1::uuid[]) AND status = 'booked'", ids
    )
    return {
        "accepted": len(ids),
        "booked_in_booking": int(booked[0][0]),
        "with_one_vas_appointment": sum(1 for r in per_reference if r[1] == 1),
        "with_more_than_one": sum(1 for r in per_reference if r[1] > 1),
    }


async def exactly_once_by_time(run: LatencyRun, booking_dsn: str, vas_dsn: str) -> dict[str, int]:
    """The same count where VAS keeps no reference of ours (crm:scheduling): per resident and
    start time, which identify a booking there."""
    ids = list(run.accepted)
    ours = await _rows(
        booking_dsn, "SELECT subject, start_at FROM appointments WHERE id = ANY($1::uuid[]) AND status = 'booked'", ids
    )
    wanted = {(str(subject), start) for subject, start in ours}
    in_vas = await _rows(
        vas_dsn,
        "SELECT a.subject, t.start_at, count(*) FROM appointments a JOIN timeslots t ON t.id = a.timeslot_id"
        " WHERE a.status = 'booked' AND a.subject = ANY($1) GROUP BY 1, 2",
        sorted({s for s, _ in wanted}),
    )
    counts = {(str(r[0]), r[1]): int(r[2]) for r in in_vas}
    return {
        "accepted": len(ids),
        "booked_in_booking": len(ours),
        "with_one_vas_appointment": sum(1 for key in wanted if counts.get(key) == 1),
        "with_more_than_one": sum(1 for key in wanted if counts.get(key, 0) > 1),
    }


def summary(run: LatencyRun) -> dict[str, Any]:
    lat = run.latencies_ms()
    return {
        "bookings": len(run.accepted),
        "statuses": dict(sorted(run.statuses.items())),
        "p50_ms": round(pct(lat, 50), 1),
        "p95_ms": round(pct(lat, 95), 1),
        "p99_ms": round(pct(lat, 99), 1),
        "max_ms": round(max(lat, default=0.0), 1),
        "mean_ms": round(statistics.fmean(lat), 1) if lat else 0.0,
        "post_p50_ms": round(pct(run.post_ms, 50), 1),
        "post_p99_ms": round(pct(run.post_ms, 99), 1),
        "generator_behind_ms": round(run.behind_ms, 1),
    }
