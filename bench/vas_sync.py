"""VAS sync: end-to-end latency (accepted → confirmed) at a fixed booking rate, and the backlog
drain after a VAS outage — each beside a reference in the same run.

Every service runs as its own process with its own fresh database: the VAS simulator, VAS sync,
booking and the development IdP. Free times are published in VAS and reach booking's replica
through VAS sync's change-feed follower.

- latency: the reference is `bench/reference_vas_sync.py` (plain aio-pika consumer, one HTTP
  call to VAS, publish the confirmation). While it runs, VAS sync's queue is unbound from
  `appointment.requested` (its feed follower keeps running for both variants).
- drain: the reference makes the same appointments in VAS directly (aiohttp, same number of calls
  in flight); VAS sync runs with its defaults, with a larger prefetch and pool, and as 2 replicas.

Knobs: BENCH_VAS_SYNC_RATE (100/s), _SECONDS (30), _DRAIN_N (3000), _DRAIN_VARIANTS
(`default,prefetch64,replicas2`), _PEOPLE (500).
"""

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import aio_pika

from bench import vas_sync_drain as drain
from bench import vas_sync_latency as latency
from bench.booking import _people, _tokens
from bench.processes import cpu_s, free_port, login_as, process
from bench.vas_sync_stack import (
    AMQP,
    CLINIC,
    Database,
    Stack,
    common_env,
    crm_id,
    loadavg,
    machine_busy_s,
    metric,
    publish_slot_items,
    publish_slots,
    scalar,
    wait_until,
)

RATE = float(os.environ.get("BENCH_VAS_SYNC_RATE", "100"))
SECONDS = float(os.environ.get("BENCH_VAS_SYNC_SECONDS", "30"))
DRAIN_N = int(os.environ.get("BENCH_VAS_SYNC_DRAIN_N", "3000"))
DRAIN_VARIANTS = os.environ.get("BENCH_VAS_SYNC_DRAIN_VARIANTS", "default,prefetch64,replicas2").split(",")
PEOPLE = int(os.environ.get("BENCH_VAS_SYNC_PEOPLE", "500"))
SYNC_VARIANTS: dict[str, tuple[int, dict[str, str]]] = {
    "default": (1, {}),
    "prefetch64": (1, {"VAS_SYNC_CONSUMER_PREFETCH": "64", "VAS_SYNC_DB_POOL_SIZE": "80"}),
    "replicas2": (2, {}),
    "replicas2_prefetch64": (2, {"VAS_SYNC_CONSUMER_PREFETCH": "64", "VAS_SYNC_DB_POOL_SIZE": "80"}),
}
SYNC_CONSUMER = "vas_sync.appointments"
# VAS sync's default calls in flight (its consumer prefetch): the direct drain to compare with.
SYNC_IN_FLIGHT = 16
# The latency round through crm:scheduling too (BENCH_VAS_SYNC_CRM=0 leaves it out).
CRM = os.environ.get("BENCH_VAS_SYNC_CRM", "1") != "0"


@asynccontextmanager
async def vas_sync(
    replicas: int, database: Database, namespace: str, vas_url: str, extra: dict[str, str]
) -> AsyncIterator[list[tuple[int, str]]]:
    """`replicas` VAS sync processes; yields (pid, base url) of each."""
    async with AsyncExitStack() as stack:
        running = []
        for _ in range(replicas):
            port = free_port()
            env = common_env("VAS_SYNC_", port, database, namespace) | {"VAS_SYNC_VAS_URL": vas_url} | extra
            proc = await stack.enter_async_context(
                process("services.vas_sync", env=env, port=port, ready_path="/readyz")
            )
            running.append((proc.pid, f"http://127.0.0.1:{port}"))
        yield running


async def _bind_sync(namespace: str, bound: bool) -> None:
    connection = await aio_pika.connect(AMQP)
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(f"{namespace}.vas_sync.appointments", passive=True)
        if bound:
            await queue.bind(f"{namespace}.events", "appointment.requested")
        else:
            await queue.unbind(f"{namespace}.events", "appointment.requested")
    finally:
        await connection.close()


async def _feed_caught_up(sync: Database, vas: Database) -> None:
    async def caught_up() -> bool:
        last = await scalar(vas.dsn, "SELECT coalesce(max(seq), 0) FROM changes")
        cursor = await scalar(sync.dsn, "SELECT coalesce(max(after), 0) FROM feed_cursor")
        return bool(cursor >= last)

    await wait_until(caught_up, 120, "vas_sync's feed follower to catch up")


async def _latency_round(
    variant: str, ctx: dict[str, Any], slots: list[str], sync_urls: list[tuple[int, str]]
) -> dict[str, Any]:
    pids: dict[str, int] = dict(ctx["pids"])
    sync_url = sync_urls[0][1]
    before_metrics = (
        await metric(sync_url, "tidbok_handler_latency_seconds_sum", SYNC_CONSUMER),
        await metric(sync_url, "tidbok_handler_latency_seconds_count", SYNC_CONSUMER),
        await metric(sync_url, "tidbok_vas_call_seconds_sum", 'operation="make"'),
        await metric(sync_url, "tidbok_vas_call_seconds_count", 'operation="make"'),
    )
    cpu_before = {name: cpu_s(pid) for name, pid in pids.items()}
    busy_before, wall_before, load_before = machine_busy_s(), time.time(), loadavg()
    run = await latency.drive(ctx["booking_url"], ctx["booking"].dsn, slots, ctx["tokens"], RATE)
    wall = time.time() - wall_before
    cpu = {name: (cpu_s(pid) - cpu_before[name]) * 1000 / max(1, len(run.accepted)) for name, pid in pids.items()}
    after_metrics = (
        await metric(sync_url, "tidbok_handler_latency_seconds_sum", SYNC_CONSUMER),
        await metric(sync_url, "tidbok_handler_latency_seconds_count", SYNC_CONSUMER),
        await metric(sync_url, "tidbok_vas_call_seconds_sum", 'operation="make"'),
        await metric(sync_url, "tidbok_vas_call_seconds_count", 'operation="make"'),
    )
    handled = after_metrics[1] - before_metrics[1]
    made = after_metrics[3] - before_metrics[3]
    sync_dsn = ctx["sync"].dsn if variant.startswith("vas_sync") else None
    counted = latency.exactly_once_by_time if "crm" in variant else latency.exactly_once
    return {
        "variant": variant,
        **latency.summary(run),
        "stages": await latency.stages(run, ctx["booking"].dsn, sync_dsn, ctx["vas"].dsn),
        "exactly_once": await counted(run, ctx["booking"].dsn, ctx["vas"].dsn),
        "cpu_ms_per_booking": {k: round(v, 2) for k, v in cpu.items()},
        "machine_cpu_busy_pct": round((machine_busy_s() - busy_before) * 100 / wall / (os.cpu_count() or 1), 1),
        "loadavg": [load_before, loadavg()],
        "vas_sync_handler_mean_ms": round((after_metrics[0] - before_metrics[0]) * 1000 / handled, 2)
        if handled
        else None,
        "vas_make_mean_ms": round((after_metrics[2] - before_metrics[2]) * 1000 / made, 2) if made else None,
    }


def _mean_ms(total_s: float, count: float) -> float | None:
    return round(total_s * 1000 / count, 2) if count else None


async def _latency(ctx: dict[str, Any], stack: Stack, first: datetime) -> list[dict[str, Any]]:
    n = int(RATE * SECONDS)
    plan = {
        v: await publish_slots(ctx["vas_url"], f"lat{v}", n, first + timedelta(days=60 * i))
        for i, v in enumerate(("ref", "sync"))
    }
    idp_port, booking_port = free_port(), free_port()
    idp = f"http://127.0.0.1:{idp_port}"
    env_idp = {"IDP_PORT": str(idp_port), "IDP_ISSUER": idp, "TIDBOK_ENVIRONMENT": "test", "IDP_LOG_LEVEL": "WARNING"}
    env_booking = common_env("BOOKING_", booking_port, ctx["booking"], stack.namespace) | {
        "BOOKING_JWKS_URL": f"{idp}/.well-known/jwks.json",
        # Each of the bench's people books several times over the rounds: the cap on coming web
        # bookings per person (4) would refuse most of them.
        "BOOKING_MAX_LIVE_WEB_BOOKINGS": "1000",
        "BOOKING_TOKEN_ISSUER": idp,
    }
    rows = []
    async with (
        process("services.idp", env=env_idp, port=idp_port),
        process("services.booking", env=env_booking, port=booking_port, ready_path="/readyz") as booking,
    ):
        async with vas_sync(1, ctx["sync"], stack.namespace, ctx["vas_url"], {}) as syncs:
            ctx["booking_url"] = f"http://127.0.0.1:{booking_port}"

            async def replica_ready() -> bool:
                return bool(
                    await scalar(ctx["booking"].dsn, "SELECT count(*) FROM slots WHERE id LIKE 'lat%'") >= 2 * n
                )

            await wait_until(replica_ready, 300, "booking's replica to hold the published times", interval=0.5)
            ctx["tokens"] = await _tokens(idp, ctx["people"])
            ctx["pids"] = {
                "simulator": ctx["vas_pid"],
                "booking": booking.pid,
                "vas_sync": syncs[0][0],
                "bench": os.getpid(),
            }
            # reference first: vas_sync's queue is unbound while the minimal loop consumes
            await _bind_sync(stack.namespace, bound=False)
            ref_port = free_port()
            ref_env = {
                "REF_NAMESPACE": stack.namespace,
                "REF_VAS_URL": ctx["vas_url"],
                "REF_PORT": str(ref_port),
                "REF_AMQP_URL": login_as("vas_sync", AMQP),
            }
            async with process("bench.reference_vas_sync", env=ref_env, port=ref_port) as ref:
                pids = ctx["pids"]
                ctx["pids"] = {**pids, "vas_sync": ref.pid}
                rows.append(await _latency_round("reference", ctx, plan["ref"], syncs))
                ctx["pids"] = pids
            await _bind_sync(stack.namespace, bound=True)
            await asyncio.sleep(2)  # the echoes of the reference's bookings come back through the feed
            rows.append(await _latency_round("vas_sync", ctx, plan["sync"], syncs))
        if CRM:  # after the simulator-API VAS sync has stopped: one consumer on the queue at a time
            rows.append(await _crm_round(ctx, stack, first + timedelta(days=180), n))
    return rows


async def _crm_round(ctx: dict[str, Any], stack: Stack, first: datetime, n: int) -> dict[str, Any]:
    """The same bookings through VAS sync speaking crm:scheduling (a second VAS sync database and
    process, on the same queue once the first has stopped): booking's replica learns
    the times from one poll at start (the intervals are set long, so polling does not weigh on
    the measured minute)."""
    items = await publish_slot_items(ctx["vas_url"], "latcrm", n, first)
    crm_sync = await stack.database("vas_sync")
    extra = {
        "VAS_SYNC_VAS_PROTOCOL": "crm-scheduling",
        "VAS_SYNC_VAS_CRM_ENDPOINT": f"{ctx['vas_url']}/crm-scheduling/{{operation}}",
        "VAS_SYNC_VAS_CRM_UNITS": f'["{CLINIC}"]',
        "VAS_SYNC_POLL_NEAR_DAYS": "1",
        "VAS_SYNC_POLL_FAR_DAYS": "400",
        "VAS_SYNC_POLL_NEAR_INTERVAL_S": "3600",
        "VAS_SYNC_POLL_FAR_INTERVAL_S": "3600",
    }
    slots = [crm_id(item) for item in items]
    async with vas_sync(1, crm_sync, stack.namespace, ctx["vas_url"], extra) as syncs:

        async def listed() -> bool:
            found = await scalar(ctx["booking"].dsn, "SELECT count(*) FROM slots WHERE id = ANY($1)", slots)
            return bool(found >= n)

        await wait_until(listed, 300, "booking's replica to hold the polled times", interval=0.5)
        pids, sync = ctx["pids"], ctx["sync"]
        ctx["pids"], ctx["sync"] = {**pids, "vas_sync": syncs[0][0]}, crm_sync
        try:
            return await _latency_round("vas_sync on crm:scheduling", ctx, slots, syncs)
        finally:
            ctx["pids"], ctx["sync"] = pids, sync


async def _drain(ctx: dict[str, Any], stack: Stack, first: datetime) -> list[dict[str, Any]]:
    rows = []
    people = ctx["people"]
    for i, concurrency in enumerate((SYNC_IN_FLIGHT, 64)):
        slots = await publish_slots(ctx["vas_url"], f"drref{concurrency}", DRAIN_N, first + timedelta(days=60 * i))
        result = await drain.direct(ctx["vas_url"], ctx["vas"].dsn, slots, people, concurrency)
        rows.append({"variant": f"direct to VAS, {concurrency} in flight", "loadavg": loadavg(), **result})
    for i, name in enumerate(DRAIN_VARIANTS, start=2):
        replicas, extra = SYNC_VARIANTS[name]
        at = first + timedelta(days=60 * i)
        slots = await publish_slots(ctx["vas_url"], f"dr{name}", DRAIN_N, at)
        async with vas_sync(replicas, ctx["sync"], stack.namespace, ctx["vas_url"], extra) as syncs:
            await _feed_caught_up(ctx["sync"], ctx["vas"])
            cpu_before = {pid: cpu_s(pid) for pid, _ in syncs}
            sim_before = cpu_s(ctx["vas_pid"])
            result = await drain.through_sync(
                ctx["vas_url"], ctx["vas"].dsn, ctx["sync"].dsn, stack.namespace, slots, people, at
            )
            sync_cpu = sum(cpu_s(pid) - cpu_before[pid] for pid, _ in syncs)
            result["vas_sync_cpu_ms_per_appointment"] = round(sync_cpu * 1000 / DRAIN_N, 2)
            result["simulator_cpu_ms_per_appointment"] = round((cpu_s(ctx["vas_pid"]) - sim_before) * 1000 / DRAIN_N, 2)
        rows.append({"variant": f"vas_sync {name}", "loadavg": loadavg(), **result})
    return rows


async def run() -> dict[str, Any]:
    stack = Stack()
    started_load = loadavg()
    try:
        vas, sync, booking = await stack.for_vas_sync()
        vas_port = free_port()
        env_vas = common_env("VAS_", vas_port, vas, stack.namespace) | {"VAS_FAULT_CACHE_S": "0.2"}
        ctx: dict[str, Any] = {"vas": vas, "sync": sync, "booking": booking, "people": _people(PEOPLE)}
        first = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
        async with process("services.vas_simulator", env=env_vas, port=vas_port) as simulator:
            ctx["vas_url"], ctx["vas_pid"] = f"http://127.0.0.1:{vas_port}", simulator.pid
            latency_rows = await _latency(ctx, stack, first)
            drain_rows = await _drain(ctx, stack, first + timedelta(days=200))
    finally:
        await stack.drop()
    return _report(latency_rows, drain_rows, started_load)


def _report(latency_rows: list[dict[str, Any]], drain_rows: list[dict[str, Any]], load: float) -> dict[str, Any]:
    sync = next(r for r in latency_rows if r["variant"] == "vas_sync")
    best = max((r for r in drain_rows if r["variant"].startswith("vas_sync")), key=lambda r: r.get("per_s", 0))
    once = all(
        r["exactly_once"]["with_one_vas_appointment"] == r["exactly_once"]["accepted"]
        and r["exactly_once"]["with_more_than_one"] == 0
        for r in latency_rows
    ) and all(r.get("references_twice", 0) == 0 and r.get("parked", 0) == 0 for r in drain_rows)
    # Latency counts only when every booking of the round was accepted and confirmed (a round
    # whose bookings were all refused has no latency to meet a target with).
    complete = sync["bookings"] > 0 and sync["bookings"] == int(RATE * SECONDS)
    direct = next((r for r in drain_rows if r["variant"] == f"direct to VAS, {SYNC_IN_FLIGHT} in flight"), {})
    drain_ratio = best.get("per_s", 0) / direct["per_s"] if direct.get("per_s") else 0.0
    targets = {
        "p50<=30ms": complete and sync["p50_ms"] <= 30,
        "p99<=150ms": complete and sync["p99_ms"] <= 150,
        f"drain>=0.7x direct at {SYNC_IN_FLIGHT} in flight": drain_ratio >= 0.7,
        "exactly one VAS appointment per booking": once,
    }
    table = [
        {
            "variant": f"latency: {r['variant']}",
            "n": r["bookings"],
            "p50_ms": r["p50_ms"],
            "p95_ms": r["p95_ms"],
            "p99_ms": r["p99_ms"],
            "max_ms": r["max_ms"],
            "sync_cpu_ms": r["cpu_ms_per_booking"]["vas_sync"],
            "booking_cpu_ms": r["cpu_ms_per_booking"]["booking"],
            "vas_cpu_ms": r["cpu_ms_per_booking"]["simulator"],
            "load": r["loadavg"][1],
        }
        for r in latency_rows
    ]
    table += [
        {
            "variant": f"drain: {r['variant']}",
            "n": r.get("appointments", 0),
            "seconds": r.get("seconds"),
            "per_s": r.get("per_s"),
            "per_s_after_first": r.get("per_s_after_first"),
            "twice": r.get("references_twice"),
            "parked": r.get("parked", ""),
            "sync_cpu_ms": r.get("vas_sync_cpu_ms_per_appointment", ""),
            "vas_cpu_ms": r.get("simulator_cpu_ms_per_appointment", ""),
            "load": r["loadavg"],
        }
        for r in drain_rows
    ]
    return {
        "title": f"VAS sync: accepted → confirmed at {RATE:.0f}/s for {SECONDS:.0f} s; drain of {DRAIN_N}",
        "rows": table,
        "latency": latency_rows,
        "drain": drain_rows,
        "summary": {
            "targets": targets,
            "best_drain": best["variant"],
            "drain_ratio_vs_direct": round(drain_ratio, 2),
            "loadavg_at_start": load,
        },
        "ok": once,
        "params": {"rate": RATE, "seconds": SECONDS, "drain_n": DRAIN_N, "people": PEOPLE, "drain": DRAIN_VARIANTS},
        "notes": [f"{name}: {'met' if met else 'NOT met'}" for name, met in targets.items()],
    }
