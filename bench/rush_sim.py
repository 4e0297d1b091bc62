"""The launch-day rush, shared by `bench/rush.py` and its reduced test: a population (~20%
eligible), the scarce times in the booking database, residents trying all at once (some with
scripted retries), and the checks afterwards."""

import asyncio
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import asyncpg

from tests.support.people import personnummer

TIME_TYPE = "covid19-dose1"
CONDITIONS = ["no-anaphylaxis", "no-covid-4w", "no-other-vaccine-7d", "not-ill-today"]
MAX_ATTEMPTS = 40


@dataclass(frozen=True)
class Plan:
    clinics: int = 28
    times: int = 5000
    residents: int = 60000
    clients: int = 64  # residents trying at the same moment
    eligible_share: float = 0.2
    retry_share: float = 0.1  # scripted: double-submit every request, try again after a refusal


@dataclass(frozen=True)
class Resident:
    pnr: str
    group: str  # age80 | home_care | household | none
    retries: bool

    @property
    def eligible(self) -> bool:
        return self.group != "none"


def population(plan: Plan, rng: random.Random) -> list[Resident]:
    seen: set[str] = set()
    people: list[Resident] = []
    while len(people) < plan.residents:
        draw = rng.random()
        if draw < plan.eligible_share * 0.6:
            group, year = "age80", rng.randint(1925, 1944)
        elif draw < plan.eligible_share * 0.8:
            group, year = "home_care", rng.randint(1950, 1995)
        elif draw < plan.eligible_share:
            group, year = "household", rng.randint(1950, 1995)
        else:
            group, year = "none", rng.randint(1950, 2005)
        pnr = personnummer(year=year)
        if pnr not in seen:
            seen.add(pnr)
            people.append(Resident(pnr, group, rng.random() < plan.retry_share))
    return people


def register_rows(people: list[Resident]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Home-care and household register rows, as an import would produce them."""
    care = [
        {"key": p.pnr, "personnummer": p.pnr, "kind": "home_care", "municipality": "Halmstad"}
        for p in people
        if p.group == "home_care"
    ]
    anchor = care[0]["personnummer"] if care else personnummer(year=1930)
    house = [{"key": p.pnr, "personnummer": p.pnr, "care_recipient": anchor} for p in people if p.group == "household"]
    return care, house


async def insert_times(dsn: str, plan: Plan) -> list[str]:
    """`plan.times` vaccination times over `plan.clinics` clinics, from two days ahead, 10 minutes each."""
    conn = await asyncpg.connect(dsn)
    try:
        clinics = [
            r["hsa_id"] for r in await conn.fetch("SELECT hsa_id FROM clinics ORDER BY hsa_id LIMIT $1", plan.clinics)
        ]
        await conn.execute("UPDATE clinics SET web_booking_enabled = true")
        first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
        rows = []
        for i in range(plan.times):
            clinic, n = clinics[i % len(clinics)], i // len(clinics)
            start = first + timedelta(minutes=10 * n)
            rows.append((f"rush-{i:06d}", clinic, TIME_TYPE, start, start + timedelta(minutes=10)))
        await conn.copy_records_to_table(
            "slots", records=rows, columns=["id", "clinic_hsa_id", "time_type_code", "start_at", "end_at"]
        )
    finally:
        await conn.close()
    return clinics


async def mint_tokens(idp_url: str, people: list[Resident]) -> dict[str, str]:
    tokens: dict[str, str] = {}
    async with aiohttp.ClientSession() as session:

        async def mint(pnr: str) -> None:
            async with session.post(f"{idp_url}/token", json={"personnummer": pnr}) as response:
                tokens[pnr] = str((await response.json())["access_token"])

        for start in range(0, len(people), 64):
            await asyncio.gather(*(mint(p.pnr) for p in people[start : start + 64]))
    return tokens


@dataclass
class Outcome:
    ended: dict[str, str] = field(default_factory=dict)  # pnr -> booked | sold_out | refusal code | gave_up
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    book_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    replay_mismatches: int = 0
    first_sold_out: float | None = None
    elapsed_s: float = 0.0


async def simulate(
    booking_url: str, tokens: dict[str, str], people: list[Resident], clinics: list[str], plan: Plan, rng: random.Random
) -> Outcome:
    out = Outcome()
    queue = list(people)
    rng.shuffle(queue)
    pending = iter(queue)
    connector = aiohttp.TCPConnector(limit=plan.clients)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as http:

        async def search(headers: dict[str, str], clinic: str | None) -> list[str]:
            params = {"time_type": TIME_TYPE, "limit": "40", **({"clinic": clinic} if clinic else {})}
            began = time.perf_counter()
            async with http.get(f"{booking_url}/v1/slots", params=params, headers=headers) as response:
                body = await response.json()
                out.statuses[response.status] += 1
            out.search_ms.append((time.perf_counter() - began) * 1000)
            if response.status != 200:
                out.codes[f"search:{body.get('code', response.status)}"] += 1
            return [item["id"] for item in body.get("items", [])] if response.status == 200 else []

        async def book(headers: dict[str, str], slot: str, key: str) -> tuple[int, dict[str, Any], str | None]:
            began = time.perf_counter()
            async with http.post(
                f"{booking_url}/v1/appointments",
                json={"slot_id": slot, "confirmed_conditions": CONDITIONS},
                headers={**headers, "Idempotency-Key": key},
            ) as response:
                body = await response.json()
                out.statuses[response.status] += 1
                retry_after = response.headers.get("Retry-After")
            out.book_ms.append((time.perf_counter() - began) * 1000)
            out.codes[str(body.get("reason") or body.get("code") or response.status)] += 1
            return response.status, body, retry_after

        async def one(resident: Resident) -> str:
            headers = {"Authorization": f"Bearer {tokens[resident.pnr]}"}
            home = rng.choice(clinics)
            refusals = 0
            for _ in range(MAX_ATTEMPTS):
                free = await search(headers, home) or await search(headers, None)
                if not free:
                    out.first_sold_out = out.first_sold_out or time.perf_counter()
                    return "sold_out"
                slot, key = rng.choice(free), str(uuid.uuid4())
                status, body, retry_after = await book(headers, slot, key)
                if resident.retries:  # the double click: the same request again answers the same
                    again, body_again, _ = await book(headers, slot, key)
                    if status == 201 and (again, body_again.get("id")) != (201, body.get("id")):
                        out.replay_mismatches += 1
                if status == 201:
                    return "booked"
                if status == 403:
                    refusals += 1
                    if resident.retries and refusals < 3:
                        continue  # a bot trying again: refused again
                    return str(body.get("reason") or body.get("code"))
                if status in (429, 503):
                    await asyncio.sleep(min(float(retry_after or 1), 5.0))
                elif status != 409:
                    return f"error:{body.get('code', status)}"
            return "gave_up"

        async def client() -> None:
            for resident in pending:
                out.ended[resident.pnr] = await one(resident)

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(plan.clients)))
        out.elapsed_s = time.perf_counter() - began
        if out.first_sold_out is not None:
            out.first_sold_out -= began
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0.0


async def verify(dsn: str, people: list[Resident], out: Outcome, plan: Plan) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn)
    try:
        live = await conn.fetch(
            "SELECT subject, slot_id FROM appointments WHERE time_type_code = $1 AND status IN ('pending', 'booked')",
            TIME_TYPE,
        )
    finally:
        await conn.close()
    eligible = {p.pnr for p in people if p.eligible}
    subjects = Counter(r["subject"] for r in live)
    slots = Counter(r["slot_id"] for r in live)
    turned_away = [p for p in people if p.eligible and out.ended.get(p.pnr) not in ("booked", "sold_out")]
    return {
        "residents": len(people),
        "eligible": len(eligible),
        "times": plan.times,
        "booked": len(live),
        "ineligible_bookings": sum(1 for s in subjects if s not in eligible),
        "double_bookings": sum(1 for n in slots.values() if n > 1) + sum(1 for n in subjects.values() if n > 1),
        "eligible_turned_away_while_times_left": len(turned_away),
        "eligible_booked": sum(1 for p in people if p.eligible and out.ended.get(p.pnr) == "booked"),
        "eligible_sold_out": sum(1 for p in people if p.eligible and out.ended.get(p.pnr) == "sold_out"),
        "status_5xx": sum(n for s, n in out.statuses.items() if s >= 500),
        "replay_mismatches": out.replay_mismatches,
        "requests": sum(out.statuses.values()),
        "elapsed_s": round(out.elapsed_s, 1),
        "sold_out_after_s": round(out.first_sold_out, 1) if out.first_sold_out is not None else None,
        "book_p50_ms": round(percentile(out.book_ms, 50), 1),
        "book_p99_ms": round(percentile(out.book_ms, 99), 1),
        "search_p99_ms": round(percentile(out.search_ms, 99), 1),
        "statuses": dict(sorted(out.statuses.items())),
        "answers": dict(out.codes.most_common(12)),
    }


def passed(summary: dict[str, Any]) -> bool:
    enough = summary["booked"] == min(summary["times"], summary["eligible"])
    zeros = (
        "ineligible_bookings",
        "double_bookings",
        "eligible_turned_away_while_times_left",
        "status_5xx",
        "replay_mismatches",
    )
    return enough and all(summary[k] == 0 for k in zeros)
