"""Notifications scheduler: 100,000 reminders dispatched by two replicas (processes) of the
notifications service to the SMS gateway stand-in, side by side with a lean reference (two
processes of a minimal FOR UPDATE SKIP LOCKED loop on raw asyncpg, same stand-in) in one run.

Two scenarios per variant:
- backlog: 100,000 reminders all due at once (the service was down): drain throughput;
- on time: 10,000 reminders due evenly over 20 s (500/s): due → sent delay p50/p99.

Each run also counts what the stand-in received: every reminder exactly once is required.
Quiet hours are switched off for the run (it must not depend on the time of day).
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import aiohttp
import asyncpg

from bench.processes import free_port, login_as, process, wait_http
from shared.migrations import upgrade

PG = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP = os.environ.get("BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
BACKLOG = int(os.environ.get("BENCH_NOTIFICATIONS_N", "100000"))
ON_TIME = int(os.environ.get("BENCH_NOTIFICATIONS_ON_TIME_N", "10000"))
ON_TIME_S = float(os.environ.get("BENCH_NOTIFICATIONS_ON_TIME_S", "20"))
REPLICAS = 2

SEED_CONTACTS = """
INSERT INTO contact_preferences (subject, phone, sms_consent)
SELECT $1 || lpad(i::text, 7, '0'), '+4670' || lpad(i::text, 7, '0'), true FROM generate_series(1, $2) i
"""
SEED_APPOINTMENTS = """
INSERT INTO appointments (id, subject, clinic_name, start_at, end_at, status, details_version,
                          confirmed_version, announced_version)
SELECT md5($1 || i)::uuid, $1 || lpad(i::text, 7, '0'), 'Vårdcentralen Andersberg',
       now() + interval '30 days', now() + interval '30 days 20 minutes', 'booked', 1, 1, 1
FROM generate_series(1, $2) i
"""
SEED_REMINDERS = """
INSERT INTO notifications (appointment_id, subject, kind, channel, ref, params, due_at, not_after)
SELECT md5($1 || i)::uuid, $1 || lpad(i::text, 7, '0'), 'reminder', 'sms', '48h',
       jsonb_build_object('start', (now() + interval '30 days')::text, 'clinic_name', 'Vårdcentralen Andersberg'),
       $3::timestamptz + make_interval(secs => $4::float8 * i / $2::float8), now() + interval '29 days'
FROM generate_series(1, $2) i
"""


async def _seed(dsn: str, n: int, *, first_due: datetime, spread_s: float) -> None:
    prefix = uuid.uuid4().hex[:5]
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("TRUNCATE notifications, appointments, contact_preferences")
        async with conn.transaction():
            await conn.execute(SEED_CONTACTS, prefix, n)
            await conn.execute(SEED_APPOINTMENTS, prefix, n)
            await conn.execute(SEED_REMINDERS, prefix, n, first_due, spread_s)
    finally:
        await conn.close()


@asynccontextmanager
async def _replicas(variant: str, dsn: str, gateway: str) -> Any:
    """Two dispatcher processes of the variant; stopped (SIGTERM) on exit."""
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(REPLICAS):
            if variant == "notifications":
                port = free_port()
                env = {
                    "NOTIFICATIONS_DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1),
                    "NOTIFICATIONS_AMQP_URL": login_as("notifications", AMQP),
                    "NOTIFICATIONS_NAMESPACE": f"bench{uuid.uuid4().hex[:6]}",
                    "NOTIFICATIONS_PORT": str(port),
                    "NOTIFICATIONS_SMS_GATEWAY_URL": gateway,
                    "NOTIFICATIONS_QUIET_START": "00:00",
                    "NOTIFICATIONS_QUIET_END": "00:00",
                    "NOTIFICATIONS_DISPATCH_POLL_INTERVAL_S": "0.1",
                    "NOTIFICATIONS_LOG_LEVEL": "WARNING",
                }
                proc = _spawn("services.notifications", env)
                procs.append(proc)
                await wait_http(f"http://127.0.0.1:{port}/livez", 60, proc)
            else:
                env = {"REF_DSN": dsn, "REF_GATEWAY": gateway, "REF_POLL_S": "0.1"}
                procs.append(_spawn("bench.reference_notifications", env))
        await asyncio.sleep(1.0)
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{variant} replica exited with {proc.returncode}")
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _spawn(module: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", module],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


async def _wait_all_sent(dsn: str, n: int, timeout_s: float) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        deadline = time.monotonic() + timeout_s
        while await conn.fetchval("SELECT count(*) FROM notifications WHERE status = 'sent'") < n:
            if time.monotonic() > deadline:
                raise RuntimeError(f"not all {n} sent within {timeout_s}s")
            await asyncio.sleep(0.2)
    finally:
        await conn.close()


async def _figures(dsn: str, started: datetime) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            """
            SELECT count(*) AS sent, max(sent_at) AS last_sent,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)) AS p50,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - due_at)) AS p99
            FROM notifications WHERE status = 'sent'
            """
        )
    finally:
        await conn.close()
    assert row is not None
    elapsed = (row["last_sent"] - started).total_seconds()
    return {
        "sent": row["sent"],
        "seconds": round(elapsed, 1),
        "per_s": row["sent"] / elapsed,
        "p50_ms": row["p50"] * 1000,
        "p99_ms": row["p99"] * 1000,
    }


async def _gateway_counts(gateway: str) -> dict[str, int]:
    async with aiohttp.ClientSession() as session, session.get(f"{gateway}/stats") as response:
        return dict(await response.json())


async def _clear_gateway(gateway: str) -> None:
    async with aiohttp.ClientSession() as session, session.delete(f"{gateway}/messages"):
        pass


async def _one(variant: str, scenario: str, dsn: str, gateway: str) -> dict[str, Any]:
    n, spread = (BACKLOG, 0.0) if scenario == "backlog" else (ON_TIME, ON_TIME_S)
    await _clear_gateway(gateway)
    async with _replicas(variant, dsn, gateway):
        lead = 0.0 if scenario == "backlog" else 2.0
        started = datetime.now(UTC)
        await _seed(dsn, n, first_due=datetime.fromtimestamp(started.timestamp() + lead, UTC), spread_s=spread)
        if scenario == "backlog":
            started = datetime.now(UTC)  # everything due from the moment the rows are committed
        else:
            started = datetime.fromtimestamp(started.timestamp() + lead, UTC)
        await _wait_all_sent(dsn, n, timeout_s=600)
    figures = await _figures(dsn, started)
    counts = await _gateway_counts(gateway)
    exactly_once = counts["accepted"] == n and counts["duplicates"] == 0
    return {"variant": variant, "scenario": scenario, "reminders": n, **figures, "exactly_once": exactly_once}


async def run() -> dict[str, Any]:
    name = f"tidbok_bench_notifications_{uuid.uuid4().hex[:6]}"
    admin = await asyncpg.connect(PG)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    dsn = PG.rsplit("/", 1)[0] + f"/{name}"
    try:
        await asyncio.to_thread(upgrade, "notifications", dsn.replace("postgresql://", "postgresql+asyncpg://", 1))
        port = free_port()
        env = {"SMS_GATEWAY_PORT": str(port), "SMS_GATEWAY_LOG_LEVEL": "WARNING"}
        async with process("services.sms_gateway", env=env, port=port):
            gateway = f"http://127.0.0.1:{port}"
            rows = []
            for scenario in ("backlog", "on_time"):
                for variant in ("reference", "notifications"):
                    rows.append(await _one(variant, scenario, dsn, gateway))
                    print(f"  {rows[-1]}", flush=True)
    finally:
        admin = await asyncpg.connect(PG)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    by = {(r["variant"], r["scenario"]): r for r in rows}
    ratio = by[("notifications", "backlog")]["per_s"] / by[("reference", "backlog")]["per_s"]
    return {
        "title": f"Notifications: {BACKLOG:,} reminders, {REPLICAS} replicas each, one SMS stand-in",
        "rows": rows,
        "summary": {"throughput_ratio_vs_reference": round(ratio, 2)},
        "notes": [f"backlog throughput: notifications / reference = {ratio:.2f}"],
        "ok": all(r["exactly_once"] for r in rows),
    }
