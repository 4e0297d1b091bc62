"""How fresh booking's list of free times stays when VAS takes a time by itself (a phone booking
at the clinic), with VAS's change feed (simulator API) and with crm:scheduling, which has none
and is polled with VAS sync's default settings — side by side in one run.

For each variant: the simulator, VAS sync and booking run as processes with fresh databases; free
times are published in VAS over the coming four weeks at `UNITS` clinics (the bench clinic and others,
so the per-unit call budget is exercised as in a region); once booking lists them all, the bench
takes one time every `INTERVAL_S` by phone in VAS (alternately in the near days and later weeks)
and measures how long booking still lists it as free. It also counts VAS sync's calls to VAS.

Knobs: BENCH_FRESHNESS_SECONDS (180), _INTERVAL_S (2), _UNITS (10).
"""

import asyncio
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import asyncpg

from bench.processes import free_port, process
from bench.vas_sync_stack import Stack, common_env, crm_id, metric, scalar, wait_until

SECONDS = float(os.environ.get("BENCH_FRESHNESS_SECONDS", "180"))
INTERVAL_S = float(os.environ.get("BENCH_FRESHNESS_INTERVAL_S", "2"))
UNITS = int(os.environ.get("BENCH_FRESHNESS_UNITS", "10"))
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DAYS = 28
PER_DAY = 12


def _units() -> list[str]:
    return ["SE2321000115-O10001"] + [f"SE2321000115-OF{i:04d}" for i in range(1, UNITS)]


def _starts() -> list[datetime]:
    """Every 5 minutes through today and tomorrow (from an hour ahead; enough near times to take
    whatever the hour), then `PER_DAY` a day from 08:00 to `DAYS` days ahead."""
    now = datetime.now(STOCKHOLM)
    first = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    near_end = datetime.combine(now.date() + timedelta(days=2), datetime.min.time(), STOCKHOLM)
    starts = []
    while first + timedelta(minutes=20) <= near_end:
        starts.append(first)
        first += timedelta(minutes=5)
    for day in range(2, DAYS + 1):
        at = datetime.combine(now.date() + timedelta(days=day), datetime.min.time(), STOCKHOLM) + timedelta(hours=8)
        starts += [at + timedelta(minutes=40 * n) for n in range(PER_DAY)]
    return starts


def _times(prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "id": f"{prefix}-{unit[-6:]}-{k:04d}",
            "clinic_hsa_id": unit,
            "time_type_code": "nurse-visit",
            "practitioner_id": "p-1",
            "start": start.astimezone(UTC).isoformat(),
            "end": (start + timedelta(minutes=20)).astimezone(UTC).isoformat(),
        }
        for unit in _units()
        for k, start in enumerate(_starts())
    ]


def _our_id(item: dict[str, Any], protocol: str) -> str:
    return str(item["id"]) if protocol == "simulator-api" else crm_id(item)


async def _round(protocol: str) -> dict[str, Any]:
    stack = Stack()
    try:
        vas, sync, booking = await stack.for_vas_sync()
        vas_port, sync_port, booking_port = free_port(), free_port(), free_port()
        vas_url = f"http://127.0.0.1:{vas_port}"
        env_sync = common_env("VAS_SYNC_", sync_port, sync, stack.namespace) | {
            "VAS_SYNC_VAS_URL": vas_url,
            "VAS_SYNC_VAS_PROTOCOL": protocol,
            "VAS_SYNC_VAS_CRM_ENDPOINT": f"{vas_url}/crm-scheduling/{{operation}}",
            "VAS_SYNC_VAS_CRM_UNITS": "[" + ",".join(f'"{u}"' for u in _units()) + "]",
        }
        async with (
            process("services.vas_simulator", env=common_env("VAS_", vas_port, vas, stack.namespace), port=vas_port),
            process("services.booking", env=common_env("BOOKING_", booking_port, booking, stack.namespace),
                    port=booking_port, ready_path="/readyz"),
        ):  # fmt: skip
            items = _times(f"fr{protocol[:3]}")
            async with aiohttp.ClientSession(base_url=vas_url) as http:
                for i in range(0, len(items), 1000):
                    async with http.post("/api/timeslots", json=items[i : i + 1000]) as response:
                        response.raise_for_status()
                async with process("services.vas_sync", env=env_sync, port=sync_port, ready_path="/readyz"):
                    return await _measure(protocol, items, booking.dsn, http, f"http://127.0.0.1:{sync_port}")
    finally:
        await stack.drop()


async def _measure(
    protocol: str, items: list[dict[str, Any]], booking_dsn: str, http: aiohttp.ClientSession, sync_url: str
) -> dict[str, Any]:
    ours = {str(i["id"]): _our_id(i, protocol) for i in items}
    started = time.monotonic()

    async def listed() -> bool:
        found = await scalar(
            booking_dsn, "SELECT count(*) FROM slots WHERE id = ANY($1) AND status = 'free'", list(ours.values())
        )
        return bool(found == len(ours))

    await wait_until(listed, 600, "booking to list every published time", interval=0.5)
    first_listed_s = time.monotonic() - started
    calls_before = await metric(sync_url, "tidbok_vas_calls_total", 'operation="free_times",outcome="ok"')
    feed_before = await metric(sync_url, "tidbok_vas_calls_total", 'operation="changes",outcome="ok"')
    # As VAS sync's windows count days: today and tomorrow (Swedish dates) are the near ones.
    near_cut = datetime.now(STOCKHOLM).date() + timedelta(days=2)
    mine = [i for i in items if i["clinic_hsa_id"].endswith("O10001")]
    near = [i for i in mine if datetime.fromisoformat(i["start"]).astimezone(STOCKHOLM).date() < near_cut]
    far = [i for i in mine if datetime.fromisoformat(i["start"]).astimezone(STOCKHOLM).date() >= near_cut]
    random.seed(7)
    random.shuffle(near)
    random.shuffle(far)
    stale: dict[str, list[float]] = {"near": [], "far": []}
    pool = await asyncpg.create_pool(booking_dsn, min_size=1, max_size=4)
    window_started = time.monotonic()

    async def take(item: dict[str, Any], kind: str) -> None:
        body = {"timeslot_id": item["id"], "subject": "191212121212", "channel": "phone"}
        async with http.post("/api/appointments", json=body) as response:
            response.raise_for_status()
        taken_at = time.monotonic()
        while True:
            status = await pool.fetchval("SELECT status FROM slots WHERE id = $1", ours[str(item["id"])])
            if status != "free":
                stale[kind].append(time.monotonic() - taken_at)
                return
            await asyncio.sleep(0.02)

    tasks = []
    n = int(SECONDS / INTERVAL_S)
    for k in range(n):
        kind, source = ("near", near) if k % 2 == 0 else ("far", far)
        tasks.append(asyncio.create_task(take(source.pop(), kind)))
        await asyncio.sleep(INTERVAL_S)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=600)
    minutes = (time.monotonic() - window_started) / 60
    await pool.close()
    calls = await metric(sync_url, "tidbok_vas_calls_total", 'operation="free_times",outcome="ok"') - calls_before
    feed = await metric(sync_url, "tidbok_vas_calls_total", 'operation="changes",outcome="ok"') - feed_before
    row: dict[str, Any] = {"variant": protocol, "times_taken": n, "first_listing_s": round(first_listed_s, 1)}
    for kind, values in stale.items():
        row[f"{kind}_stale_p50_s"] = round(statistics.median(values), 2)
        row[f"{kind}_stale_max_s"] = round(max(values), 2)
    row["vas_calls_per_unit_per_min"] = round((calls or feed) / (UNITS if calls else 1) / minutes, 1)
    row["what_is_called"] = "GetAvailableTimeslots per unit" if calls else "GET /changes (whole region)"
    if calls:
        for outcome in ("ok", "over_budget", "unavailable", "failed"):
            row[f"polls_{outcome}"] = sum(
                [
                    await metric(sync_url, "tidbok_vas_polls_total", f'outcome="{outcome}",window="{w}"')
                    for w in ("near", "far")
                ]
            )
        for outcome in ("VasUnavailable", "VasAnswerInvalid", "circuit_open"):
            found = await metric(sync_url, "tidbok_vas_calls_total", f'operation="free_times",outcome="{outcome}"')
            row[f"calls_{outcome}"] = found
        total = await metric(sync_url, "tidbok_vas_call_seconds_sum", 'operation="free_times"')
        count = await metric(sync_url, "tidbok_vas_call_seconds_count", 'operation="free_times"')
        row["free_times_call_mean_ms"] = round(total * 1000 / count, 1) if count else None
    return row


async def run() -> dict[str, Any]:
    variants = os.environ.get("BENCH_FRESHNESS_VARIANTS", "simulator-api,crm-scheduling").split(",")
    rows = [await _round(v) for v in variants]
    return {
        "title": "How long a time taken in VAS stays listed: change feed vs crm:scheduling polling",
        "params": {"seconds": SECONDS, "interval_s": INTERVAL_S, "units": UNITS, "days": DAYS, "per_day": PER_DAY},
        "rows": rows,
    }
