"""10 concurrent clients per slot over 120 slots: exactly one appointment per slot, and every
other client gets REQUESTED_TIME_IS_ALREADY_RESERVED."""

import asyncio
import uuid
from collections import Counter

import sqlalchemy as sa

from services.booking.adapters.tables import appointments
from tests.support.booking import Api
from tests.support.people import personnummer

SLOTS = 120
CLIENTS_PER_SLOT = 10


async def test_ten_clients_race_for_each_of_120_slots(api: Api) -> None:
    slot_ids = await api.new_slots(
        SLOTS, clinic="SE2321000115-O10002", time_type="blood-test", length_min=10, gap_min=15
    )
    people = [personnummer() for _ in range(SLOTS * CLIENTS_PER_SLOT)]
    tokens: list[str] = []
    for start in range(0, len(people), 50):  # the IdP is a small dev server: mint in batches
        tokens += await asyncio.gather(*(api.token(personnummer=p) for p in people[start : start + 50]))
    body_for = {sid: {"slot_id": sid, "confirmed_conditions": ["referral-or-order"]} for sid in slot_ids}
    conditions = (await api.http.get("/v1/time-types/blood-test")).json()["conditions"]
    for body in body_for.values():
        body["confirmed_conditions"] = [c["id"] for c in conditions]

    async def attempt(i: int) -> tuple[str, int, str | None]:
        slot_id = slot_ids[i % SLOTS]
        response = await api.http.post(
            "/v1/appointments",
            json=body_for[slot_id],
            headers={"Authorization": f"Bearer {tokens[i]}", "Idempotency-Key": str(uuid.uuid4())},
        )
        return slot_id, response.status_code, response.json().get("code")

    # Waves of 10 slots: each slot's 10 clients race at once, ~100 requests in flight.
    results = []
    for wave in range(0, SLOTS, 10):
        clients = [wave + s + k * SLOTS for s in range(10) for k in range(CLIENTS_PER_SLOT)]
        results += await asyncio.gather(*(attempt(i) for i in clients))
    winners = Counter(slot for slot, status, _ in results if status == 201)
    losers = Counter(code for _, status, code in results if status != 201)
    print(f"\nrace: attempts={len(results)} booked={sum(winners.values())} refused={dict(losers)}")
    assert set(winners) == set(slot_ids)
    assert set(winners.values()) == {1}
    assert losers == {"REQUESTED_TIME_IS_ALREADY_RESERVED": SLOTS * (CLIENTS_PER_SLOT - 1)}
    async with api.engine.connect() as conn:
        live = (
            await conn.execute(
                sa.select(appointments.c.slot_id, sa.func.count())
                .where(appointments.c.slot_id.in_(slot_ids), appointments.c.status.in_(("pending", "booked")))
                .group_by(appointments.c.slot_id)
            )
        ).all()
    assert len(live) == SLOTS
    assert all(count == 1 for _, count in live)
