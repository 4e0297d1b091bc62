"""Booking API throughput and latency at 64 concurrent clients, side by side with a lean
reference (FastAPI + raw asyncpg doing the same slot claim + insert in one transaction, no
broker, no auth), driven by the same load generator in one run; then the floor under both (the
same requests answered with no work behind them: FastAPI alone, and booking's edge — token check,
body model, middlewares — alone; bench/floor_booking.py); then 10 clients racing for each of 200
slots against the booking API, counting double bookings.

The booking service runs as in production: its own process, token verification against the
development IdP's JWKS, rules, audit, idempotency record and outbox (with the relay publishing
to a bound queue) in the same transaction.
"""

import asyncio
import os
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import aio_pika
import aiohttp
import asyncpg

from bench.load import LoadResult, run_load, run_open_loop
from bench.processes import cpu_s, delete_queues, free_port, login_as, postgres_cpu_s, process
from services.booking.adapters.catalogue_loader import load_catalogue
from shared.db import make_engine
from shared.migrations import upgrade

PG = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP = os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
CLIENTS = int(os.environ.get("BENCH_BOOKING_CLIENTS", "64"))
MEASURED = int(os.environ.get("BENCH_BOOKING_N", "4000"))
WARMUP = 400
ROUNDS = int(os.environ.get("BENCH_BOOKING_ROUNDS", "2"))
# The open-loop run: this long at half of booking's saturated throughput (issue 17).
OPEN_S = float(os.environ.get("BENCH_BOOKING_OPEN_S", "20"))
OPEN_RATE = float(os.environ.get("BENCH_BOOKING_OPEN_RATE", "0"))  # a fixed rate instead of half
OPEN_MAX = 4000
PEOPLE = 2000
WORKERS = int(os.environ.get("BENCH_BOOKING_WORKERS", "1"))  # booking's worker processes
HISTORY = int(os.environ.get("BENCH_BOOKING_HISTORY", "100000"))  # appointments already in the database
RACE_SLOTS, RACE_CLIENTS = 200, 10
CONDITIONS = ["no-fever-24h", "not-urgent"]


async def _insert_slots(dsn: str, prefix: str, n: int, first: datetime) -> list[str]:
    """Slots of 10 minutes one after the other, so no person ever overlaps themself."""
    ids = [f"{prefix}-{i:06d}" for i in range(n)]
    rows = [
        (
            sid,
            "SE2321000115-O10001",
            "nurse-visit",
            first + timedelta(minutes=10 * i),
            first + timedelta(minutes=10 * i + 10),
        )
        for i, sid in enumerate(ids)
    ]
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table(
            "slots", records=rows, columns=["id", "clinic_hsa_id", "time_type_code", "start_at", "end_at"]
        )
    finally:
        await conn.close()
    return ids


async def _tokens(idp: str, people: list[str]) -> list[str]:
    tokens: list[str] = []
    async with aiohttp.ClientSession() as session:
        for start in range(0, len(people), 50):

            async def mint(pnr: str) -> str:
                # Names as the e-ID login gives them (crm:scheduling's MakeBooking needs them).
                claims = {"personnummer": pnr, "given_name": "Tolvan", "family_name": "Tolvansson"}
                async with session.post(f"{idp}/token", json=claims) as response:
                    return str((await response.json())["access_token"])

            tokens += await asyncio.gather(*(mint(p) for p in people[start : start + 50]))
    return tokens


async def _seed_history(dsn: str, n: int, first: datetime) -> None:
    """The region as it stands before the run: `n` appointments of other residents (booked, on
    times of their own) with their idempotency records, and the planner's statistics. A live
    booking database is never empty; an empty one makes the planner choose sequential scans for
    the per-person look-ups, which then grow slower with every booking of the run."""
    others = _people(n // 4)
    appointments = [
        (
            uuid.uuid4(),
            others[i % len(others)],
            f"history-{i:07d}",
            "SE2321000115-O10001",
            "nurse-visit",
            first + timedelta(minutes=10 * i),
            first + timedelta(minutes=10 * i + 10),
            "booked",
            "web",
            "citizen",
        )
        for i in range(n)
    ]
    columns = ["id", "subject", "slot_id", "clinic_hsa_id", "time_type_code", "start_at", "end_at"]
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table(
            "appointments", records=appointments, columns=[*columns, "status", "channel", "actor"]
        )
        await conn.copy_records_to_table(
            "idempotency_keys",
            records=[(a[1], str(a[0]), "seeded", 201, '{"seeded": true}') for a in appointments],
            columns=["owner", "key", "request_hash", "status_code", "response"],
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


def _people(n: int) -> list[str]:
    from tests.support.people import personnummer

    return [personnummer() for _ in range(n)]


async def _sink(namespace: str) -> None:
    connection = await aio_pika.connect(AMQP)
    channel = await connection.channel()
    exchange = await channel.declare_exchange(f"{namespace}.events", aio_pika.ExchangeType.TOPIC, durable=True)
    queue = await channel.declare_queue(f"{namespace}.bench-sink", durable=True, arguments={"x-queue-type": "quorum"})
    await queue.bind(exchange, "appointment.*")
    await connection.close()


async def _drop_sink(namespace: str) -> None:
    connection = await aio_pika.connect(AMQP)
    channel = await connection.channel()
    await channel.queue_delete(f"{namespace}.bench-sink")
    await connection.close()


def _shifted(request: Callable[[int], Any], offset: int, i: int) -> Any:
    return request(i + offset)


def _row(name: str, result: LoadResult) -> dict[str, Any]:
    return {
        "variant": name,
        "requests": result.requests,
        "req_per_s": round(result.rate, 1),
        "p50_ms": round(result.percentile(50), 2),
        "p99_ms": round(result.percentile(99), 2),
        "statuses": dict(sorted(result.statuses.items())),
    }


def _cpu_columns(server_ms: float, postgres_ms: float) -> dict[str, float]:
    """CPU per request of the server process and of PostgreSQL (all its processes) in the run."""
    return {"server_cpu_ms_per_request": round(server_ms, 2), "postgres_cpu_ms_per_request": round(postgres_ms, 2)}


def best(results: list[LoadResult]) -> LoadResult:
    return max(results, key=lambda r: r.rate)


def _cpu(rows: list[dict[str, Any]], label: str) -> float:
    """The lowest CPU per request among the closed-loop rounds of a variant."""
    return min(float(r["server_cpu_ms_per_request"]) for r in rows if r["variant"].startswith(f"{label} (round"))


async def run() -> dict[str, Any]:
    name = f"tidbok_bench_booking_{uuid.uuid4().hex[:6]}"
    admin = await asyncpg.connect(PG)
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = PG.rsplit("/", 1)[0] + f"/{name}"
    url = dsn.replace("postgresql://", "postgresql+asyncpg://", 1)
    namespace = f"bench{uuid.uuid4().hex[:6]}"
    try:
        await asyncio.to_thread(upgrade, "booking", url)
        engine = make_engine(url)
        await load_catalogue(engine, Path("services/booking/demo"))
        await engine.dispose()
        await _sink(namespace)
        first = datetime.now(UTC) + timedelta(days=2)
        await _seed_history(dsn, HISTORY, first - timedelta(days=3 * 365))
        per_round = WARMUP + MEASURED
        plan = {
            f"{v}{r}": await _insert_slots(dsn, f"{v}{r}", per_round, first + timedelta(days=60 * i))
            for i, (v, r) in enumerate((v, r) for r in range(ROUNDS) for v in ("ref", "book"))
        }
        race_day = max(400, 120 * ROUNDS + 40)  # after the rounds' times
        race_slots = await _insert_slots(dsn, "race", RACE_SLOTS, first + timedelta(days=race_day))
        plan |= {
            # After every round's times (60 days each) and the race's, so no person overlaps.
            f"{v}open": await _insert_slots(
                dsn, f"{v}open", OPEN_MAX, first + timedelta(days=max(500, 120 * ROUNDS + 100) + 60 * i)
            )
            for i, v in enumerate(("ref", "book"))
        }

        idp_port, booking_port, ref_port = free_port(), free_port(), free_port()
        bare_port, edge_port = free_port(), free_port()
        idp = f"http://127.0.0.1:{idp_port}"
        env_idp = {
            "IDP_PORT": str(idp_port),
            "IDP_ISSUER": idp,
            "TIDBOK_ENVIRONMENT": "test",
            "IDP_LOG_LEVEL": "WARNING",
        }
        env_booking = {
            "BOOKING_PORT": str(booking_port),
            "BOOKING_DATABASE_URL": url,
            "BOOKING_AMQP_URL": login_as("booking", AMQP),
            # Each of the bench's people books several times over the rounds: the cap on coming web
            # bookings is still counted on every booking, only set out of the way.
            "BOOKING_MAX_LIVE_WEB_BOOKINGS": "1000",
            "BOOKING_NAMESPACE": namespace,
            "BOOKING_WORKERS": str(WORKERS),
            "BOOKING_JWKS_URL": f"{idp}/.well-known/jwks.json",
            "BOOKING_TOKEN_ISSUER": idp,
            "BOOKING_LOG_LEVEL": "WARNING",
        }
        async with (
            process("services.idp", env=env_idp, port=idp_port),
            process("services.booking", env=env_booking, port=booking_port, ready_path="/readyz") as booking_proc,
            process(
                "bench.reference_booking",
                env={"REF_DSN": dsn, "REF_PORT": str(ref_port)},
                port=ref_port,
                ready_path="/docs",
            ) as ref_proc,
            process(
                "bench.floor_booking",
                env={"FLOOR_MODE": "bare", "FLOOR_PORT": str(bare_port)},
                port=bare_port,
                ready_path="/docs",
            ) as bare_proc,
            process(
                "bench.floor_booking",
                env=env_booking | {"FLOOR_MODE": "edge", "BOOKING_PORT": str(edge_port)},
                port=edge_port,
            ) as edge_proc,
        ):
            people = _people(PEOPLE)
            tokens = await _tokens(idp, people)
            rows = []
            totals: dict[str, list[LoadResult]] = {"reference": [], "booking": []}
            for r in range(ROUNDS):
                for variant in ("ref", "book"):
                    slots = plan[f"{variant}{r}"]

                    def request(i: int, slots: list[str] = slots, variant: str = variant) -> Any:
                        person = i % PEOPLE
                        if variant == "ref":
                            return (
                                "POST",
                                f"http://127.0.0.1:{ref_port}/book",
                                {"slot_id": slots[i]},
                                {"X-Subject": people[person]},
                            )
                        return (
                            "POST",
                            f"http://127.0.0.1:{booking_port}/v1/appointments",
                            {"slot_id": slots[i], "confirmed_conditions": CONDITIONS},
                            {"Authorization": f"Bearer {tokens[person]}", "Idempotency-Key": slots[i]},
                        )

                    await run_load(request, total=WARMUP, clients=CLIENTS)
                    pid = ref_proc.pid if variant == "ref" else booking_proc.pid
                    cpu_before, db_before = cpu_s(pid), postgres_cpu_s()
                    result = await run_load(partial(_shifted, request, WARMUP), total=MEASURED, clients=CLIENTS)
                    cpu_ms = (cpu_s(pid) - cpu_before) * 1000 / MEASURED
                    db_ms = (postgres_cpu_s() - db_before) * 1000 / MEASURED
                    label = "reference" if variant == "ref" else "booking"
                    totals[label].append(result)
                    rows.append(
                        _row(f"{label} (round {r + 1})", result)
                        | {
                            "server_cpu_ms_per_request": round(cpu_ms, 2),
                            "postgres_cpu_ms_per_request": round(db_ms, 2),
                        }
                    )
            # Latency under a realistic load: a fixed arrival rate at half of booking's own
            # saturated throughput, the reference at the same rate, side by side.
            open_rate = OPEN_RATE or max(best(totals["booking"]).rate / 2, 1.0)
            open_n = max(1, min(OPEN_MAX, int(open_rate * OPEN_S)))
            opened: dict[str, LoadResult] = {}
            for variant in ("ref", "book"):
                slots = plan[f"{variant}open"]

                def request_open(i: int, slots: list[str] = slots, variant: str = variant) -> Any:
                    person = (i + 7) % PEOPLE
                    if variant == "ref":
                        url = f"http://127.0.0.1:{ref_port}/book"
                        return ("POST", url, {"slot_id": slots[i]}, {"X-Subject": people[person]})
                    return (
                        "POST",
                        f"http://127.0.0.1:{booking_port}/v1/appointments",
                        {"slot_id": slots[i], "confirmed_conditions": CONDITIONS},
                        {"Authorization": f"Bearer {tokens[person]}", "Idempotency-Key": slots[i]},
                    )

                pid = ref_proc.pid if variant == "ref" else booking_proc.pid
                cpu_before, db_before = cpu_s(pid), postgres_cpu_s()
                result = await run_open_loop(request_open, total=open_n, rate=open_rate)
                cpu_ms = (cpu_s(pid) - cpu_before) * 1000 / open_n
                db_ms = (postgres_cpu_s() - db_before) * 1000 / open_n
                label = "reference" if variant == "ref" else "booking"
                opened[label] = result
                rows.append(_row(f"{label} (open loop, {open_rate:.0f}/s)", result) | _cpu_columns(cpu_ms, db_ms))
            # The floor: the same requests answered with no work behind them (bench/floor_booking.py).
            floors: dict[str, float] = {}
            for label, proc, floor_request in (
                (
                    "floor: FastAPI alone, no work",
                    bare_proc,
                    lambda i: (
                        "POST",
                        f"http://127.0.0.1:{bare_port}/book",
                        {"slot_id": f"floor{i}"},
                        {"X-Subject": people[i % PEOPLE]},
                    ),
                ),
                (
                    "floor: booking's edge, no work",
                    edge_proc,
                    lambda i: (
                        "POST",
                        f"http://127.0.0.1:{edge_port}/v1/appointments",
                        {"slot_id": f"floor{i}", "confirmed_conditions": CONDITIONS},
                        {"Authorization": f"Bearer {tokens[i % PEOPLE]}", "Idempotency-Key": f"floor{i}"},
                    ),
                ),
            ):
                await run_load(floor_request, total=WARMUP, clients=CLIENTS)
                cpu_before = cpu_s(proc.pid)
                result = await run_load(partial(_shifted, floor_request, WARMUP), total=MEASURED, clients=CLIENTS)
                floors[label] = (cpu_s(proc.pid) - cpu_before) * 1000 / MEASURED
                rows.append(_row(label, result) | {"server_cpu_ms_per_request": round(floors[label], 2)})
            race = await _race(booking_port, race_slots, tokens)
        conn = await asyncpg.connect(dsn)
        doubles = await conn.fetchval(
            "SELECT count(*) FROM (SELECT slot_id FROM appointments WHERE status IN ('pending','booked')"
            " GROUP BY slot_id HAVING count(*) > 1) d"
        )
        await conn.close()
    finally:
        await _drop_sink(namespace)
        await delete_queues(AMQP, namespace)  # booking's own consumer queues, quorum each
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    ref, booking = best(totals["reference"]), best(totals["booking"])
    ratio = booking.rate / ref.rate if ref.rate else 0.0
    cpu_ratio = _cpu(rows, "booking") / max(_cpu(rows, "reference"), 1e-9)
    summary = {
        "throughput_ratio_booking_vs_reference": round(ratio, 3),
        "cpu_per_request_booking_over_reference": round(cpu_ratio, 2),
        "booking_req_per_s": round(booking.rate, 1),
        "reference_req_per_s": round(ref.rate, 1),
        "booking_p99_ms_closed_loop": round(booking.percentile(99), 2),
        "reference_p99_ms_closed_loop": round(ref.percentile(99), 2),
        "open_loop_rate_per_s": round(open_rate, 1),
        "floor_cpu_ms_per_request": {label: round(ms, 3) for label, ms in floors.items()},
        "booking_p99_ms_open_loop": round(opened["booking"].percentile(99), 2),
        "reference_p99_ms_open_loop": round(opened["reference"].percentile(99), 2),
        "race": race,
        "double_bookings_in_database": int(doubles),
        "targets": {
            "ratio>=0.5": ratio >= 0.5,
            "cpu<=2x reference": cpu_ratio <= 2,
            "open-loop p99<=100ms at half saturation": opened["booking"].percentile(99) <= 100,
            "0 double bookings": int(doubles) == 0 and race["slots_with_more_than_one_winner"] == 0,
        },
    }
    return {
        "title": f"Booking API vs lean reference, {CLIENTS} clients, best of {ROUNDS} rounds of {MEASURED}",
        "rows": rows,
        "summary": summary,
        "params": {
            "booking_workers": WORKERS,
            "clients": CLIENTS,
            "measured": MEASURED,
            "warmup": WARMUP,
            "rounds": ROUNDS,
            "open_loop_s": OPEN_S,
        },
    }


async def _race(port: int, slots: list[str], tokens: list[str]) -> dict[str, Any]:
    winners: dict[str, int] = {}
    codes: dict[str, int] = {}
    async with aiohttp.ClientSession() as session:

        async def attempt(slot: str, client: int) -> None:
            token = tokens[(hash(slot) + client) % len(tokens)]
            async with session.post(
                f"http://127.0.0.1:{port}/v1/appointments",
                json={"slot_id": slot, "confirmed_conditions": CONDITIONS},
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())},
            ) as response:
                body = await response.json()
                if response.status == 201:
                    winners[slot] = winners.get(slot, 0) + 1
                else:
                    codes[body.get("code", str(response.status))] = codes.get(body.get("code", ""), 0) + 1

        for start in range(0, len(slots), 6):
            await asyncio.gather(*(attempt(s, c) for s in slots[start : start + 6] for c in range(RACE_CLIENTS)))
    return {
        "slots": len(slots),
        "clients_per_slot": RACE_CLIENTS,
        "booked": sum(winners.values()),
        "slots_with_more_than_one_winner": sum(1 for n in winners.values() if n > 1),
        "refusals": codes,
    }
