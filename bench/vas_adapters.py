"""VAS sync's two ways to VAS side by side, against one VAS simulator process: the simulator's JSON
API (`HttpVas`) and the national contract, crm:scheduling 1.1 over SOAP (`CrmVas`: envelopes,
RIV-TA headers, every answer validated against the contract's schemas).

Each variant books N times (MakeBooking / POST /api/appointments) with C calls in flight, then
cancels them, and a third round looks each booking up (GetSubjectOfCareSchedule / by reference):
calls per second, p50/p99 per call, and CPU per call on the client side (this process) and in the
simulator. The client CPU is what VAS sync pays per VAS call; the difference is the contract's
cost (XML, schema validation).

Knobs: BENCH_VAS_ADAPTERS_N (600 bookings per variant), _CONCURRENCY (16).
"""

import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from bench.booking import _people
from bench.processes import cpu_s, free_port, process
from bench.vas_sync_stack import CLINIC, TIME_TYPE, Stack, common_env, publish_slots
from services.vas_sync.adapters.vas_crm import CrmVas
from services.vas_sync.adapters.vas_http import HttpVas
from services.vas_sync.domain.vas_port import OurBooking
from services.vas_sync.domain.wanted import Wanted
from shared.crm_scheduling import messages as m
from shared.crm_scheduling import soap
from shared.crm_scheduling.contract import schema

N = int(os.environ.get("BENCH_VAS_ADAPTERS_N", "600"))
CONCURRENCY = int(os.environ.get("BENCH_VAS_ADAPTERS_CONCURRENCY", "16"))
PERSON = m.Person(first_name="Tolvan", last_name="Tolvansson")


_SUBJECTS: list[str] = []


def _subject(i: int) -> str:
    """A valid personnummer per booking, in the contract's form (no dash)."""
    while len(_SUBJECTS) <= i:
        _SUBJECTS.extend(p.replace("-", "") for p in _people(1000))
    return _SUBJECTS[i]


Calls = Sequence[Callable[[], Awaitable[Any]]]


async def _timed(calls: Calls) -> tuple[float, list[float]]:
    gate = asyncio.Semaphore(CONCURRENCY)
    took: list[float] = []

    async def one(call: Callable[[], Awaitable[Any]]) -> None:
        async with gate:
            started = time.perf_counter()
            await call()
            took.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(one(c) for c in calls))
    return time.perf_counter() - started, took


def _row(variant: str, step: str, wall: float, took: list[float], client_s: float, sim_s: float) -> dict[str, Any]:
    ordered = sorted(took)
    return {
        "variant": variant,
        "step": step,
        "calls": len(took),
        "calls_per_s": round(len(took) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "client_cpu_ms_per_call": round(client_s * 1000 / len(took), 3),
        "vas_cpu_ms_per_call": round(sim_s * 1000 / len(took), 3),
    }


async def _measure(variant: str, step: str, calls: Calls, vas_pid: int) -> dict[str, Any]:
    client_before, sim_before = time.process_time(), cpu_s(vas_pid)
    wall, took = await _timed(calls)
    return _row(variant, step, wall, took, time.process_time() - client_before, cpu_s(vas_pid) - sim_before)


async def _cancel_json(vas: HttpVas, made: dict[int, str], i: int) -> None:
    await vas.cancel(CLINIC, made[i], reason=None, by="patient")


def _wanted(slot: str, subject: str, reference: uuid.UUID) -> Wanted:
    return Wanted(
        appointment_id=reference,
        version=1,
        booked=True,
        slot_id=slot,
        clinic_hsa_id=CLINIC,
        start=datetime.now(UTC),
        subject=subject,
        vas_channel="web",
    )


async def _cancel_crm(vas: CrmVas, made: dict[int, str], i: int, actor: soap.Actor) -> None:
    await vas.cancel(CLINIC, made[i], message=None, actor=actor)


async def _json(vas_url: str, slots: list[str], vas_pid: int) -> list[dict[str, Any]]:
    vas = HttpVas(vas_url, timeout_s=10.0, max_connections=CONCURRENCY)
    refs = [uuid.uuid4() for _ in slots]
    made: dict[int, str] = {}

    def make(i: int) -> Callable[[], Awaitable[Any]]:
        async def call() -> None:
            made[i] = (await vas.make(_wanted(slots[i], _subject(i), refs[i]))).id

        return call

    try:
        rows = [await _measure("json", "make", [make(i) for i in range(len(slots))], vas_pid)]
        rows.append(
            await _measure(
                "json", "look up", [partial(vas.find, OurBooking(str(r), CLINIC, "")) for r in refs], vas_pid
            )
        )
        cancels = [partial(_cancel_json, vas, made, i) for i in range(len(slots))]
        rows.append(await _measure("json", "cancel", cancels, vas_pid))
        return rows
    finally:
        await vas.close()


async def _crm(vas_url: str, slots: list[m.Timeslot], vas_pid: int) -> list[dict[str, Any]]:
    vas = CrmVas.at(f"{vas_url}/crm-scheduling", timeout_s=10.0, max_connections=CONCURRENCY)
    made: dict[int, str] = {}

    def actor(i: int) -> soap.Actor:
        return soap.Actor(actor_id=_subject(i), actor_type="subject_of_care")

    def booking(i: int) -> m.Timeslot:
        s = slots[i]
        return m.Timeslot(
            healthcare_facility=s.healthcare_facility,
            start=s.start,
            end=s.end,
            performer=s.performer,
            time_type_id=s.time_type_id,
            subject_of_care=_subject(i),
        )

    def make(i: int) -> Callable[[], Awaitable[Any]]:
        async def call() -> None:
            made[i] = await vas.make(booking(i), PERSON, actor=actor(i))

        return call

    try:
        rows = [await _measure("crm:scheduling", "make", [make(i) for i in range(len(slots))], vas_pid)]
        looks = [partial(vas.find_made, booking(i), actor=actor(i)) for i in range(len(slots))]
        rows.append(await _measure("crm:scheduling", "look up", looks, vas_pid))
        cancels = [partial(_cancel_crm, vas, made, i, actor(i)) for i in range(len(slots))]
        rows.append(await _measure("crm:scheduling", "cancel", cancels, vas_pid))
        return rows
    finally:
        await vas.close()


async def run() -> dict[str, Any]:
    schema()  # built once, before anything is timed
    stack = Stack()
    try:
        database = await stack.database("vas_simulator")
        port = free_port()
        env = common_env("VAS_", port, database, stack.namespace) | {"VAS_FAULT_CACHE_S": "5"}
        first = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=3)
        async with process("services.vas_simulator", env=env, port=port) as simulator:
            url = f"http://127.0.0.1:{port}"
            json_slots = await publish_slots(url, "bench-json", N, first)
            crm_first = first + timedelta(days=60)
            await publish_slots(url, "bench-crm", N, crm_first)
            crm_slots = [
                m.Timeslot(
                    healthcare_facility=CLINIC,
                    start=crm_first + timedelta(minutes=10 * i),
                    end=crm_first + timedelta(minutes=10 * i + 10),
                    performer="p-bench",
                    time_type_id=TIME_TYPE,
                )
                for i in range(N)
            ]
            rows = await _json(url, json_slots, simulator.pid)
            rows += await _crm(url, crm_slots, simulator.pid)
    finally:
        await stack.drop()
    return {
        "title": f"VAS adapters: simulator JSON API vs crm:scheduling SOAP ({N} bookings, {CONCURRENCY} in flight)",
        "params": {"n": N, "concurrency": CONCURRENCY},
        "rows": rows,
    }
