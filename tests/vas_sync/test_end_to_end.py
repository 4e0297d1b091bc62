"""The whole path: the booking API → outbox → VAS sync → VAS (simulator) → back to the resident.
The scenarios that every journal system must pass run over both protocols: the simulator's API
with its change feed, and crm:scheduling (no reference of ours, no feed: the replica is polled)."""

import asyncio

import pytest
import sqlalchemy as sa

from services.booking.adapters.tables import slots
from tests.support.booking.helpers import HOME_CLINIC, post_booking
from tests.support.vas_sync.system import System
from tests.support.waiting import wait_for

BOTH = pytest.mark.parametrize("protocol", ["simulator-api", "crm-scheduling"])


@BOTH
async def test_a_web_booking_reaches_vas_and_the_clinic_page_and_turns_booked(system: System) -> None:
    [slot] = await system.vas_slots()
    pnr, resident = await system.api.resident()
    made = await system.book(resident, slot)
    assert made["status"] == "pending"
    await system.becomes(resident, made["id"], "booked")
    [in_vas] = await system.sim.booked_for(pnr, HOME_CLINIC)
    assert in_vas["timeslot_id"] == system.sim.vas_id(slot) and in_vas["channel"] == "web"
    day = (await system.api.http.get(f"/v1/appointments/{made['id']}", headers=resident)).json()["start"][:10]
    page = await system.sim.http.get(f"/clinics/{HOME_CLINIC}", params={"day": day})
    assert in_vas["id"] in page.text or in_vas["timeslot_id"] in page.text
    assert "webb" in page.text.lower() or "web" in page.text.lower()


@BOTH
async def test_rebook_and_cancel_follow_through_to_vas(system: System) -> None:
    [first, second] = await system.vas_slots(2)
    pnr, resident = await system.api.resident()
    made = await system.book(resident, first)
    await system.becomes(resident, made["id"], "booked")
    moved = await system.api.http.post(
        f"/v1/appointments/{made['id']}/reschedule",
        json={"slot_id": second, "confirmed_conditions": ["no-fever-24h", "not-urgent"]},
        headers=resident,
    )
    assert moved.status_code == 200, moved.text
    await system.becomes(resident, made["id"], "booked")
    [in_vas] = await system.sim.booked_for(pnr, HOME_CLINIC)
    assert in_vas["timeslot_id"] == system.sim.vas_id(second)
    cancel = await system.api.http.post(f"/v1/appointments/{made['id']}/cancel", json={}, headers=resident)
    assert cancel.status_code == 200, cancel.text

    async def cancelled_in_vas() -> bool:
        return await system.sim.booked_for(pnr, HOME_CLINIC) == []

    await wait_for(cancelled_in_vas, timeout=30)
    free = (await system.sim.http.get("/api/timeslots", params={"clinic": HOME_CLINIC, "limit": 5000})).json()["items"]
    assert {system.sim.vas_id(first), system.sim.vas_id(second)} <= {s["id"] for s in free}


async def test_a_clinic_cancellation_in_vas_shows_as_cancelled_by_the_clinic(system: System) -> None:
    [slot] = await system.vas_slots()
    _, resident = await system.api.resident()
    made = await system.book(resident, slot)
    await system.becomes(resident, made["id"], "booked")
    [in_vas] = await system.sim.booked(made["id"])
    response = await system.sim.http.post(f"/api/appointments/{in_vas['id']}/cancel", json={"by": "clinic"})
    assert response.status_code == 200
    await system.becomes(resident, made["id"], "cancelled")
    body = (await system.api.http.get(f"/v1/appointments/{made['id']}", headers=resident)).json()
    assert body.get("cancelled_by") in ("clinic", None) and body["status"] == "cancelled"
    await system.replica_has([slot], status="free")


@BOTH
async def test_a_phone_booking_racing_a_web_booking_leaves_one_winner_and_a_right_replica(system: System) -> None:
    slot_ids = await system.vas_slots(10)
    outcomes = []
    for slot in slot_ids:
        _, resident = await system.api.resident()
        web, phone = await asyncio.gather(
            post_booking(system.api, resident, slot),
            system.sim.http.post(
                "/api/appointments",
                json={"timeslot_id": system.sim.vas_id(slot), "subject": "191212121212", "channel": "phone"},
            ),
        )
        outcomes.append((slot, resident, web, phone))
    for slot, resident, web, phone in outcomes:
        [in_vas] = [a for a in (await _booked_on(system, slot))]
        if web.status_code == 201:
            wanted = "booked" if in_vas["channel"] == "web" else "rejected"
            await system.becomes(resident, web.json()["id"], wanted)
        else:  # the phone booking reached the replica first
            assert web.json()["code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"
            assert in_vas["channel"] == "phone"
        assert phone.status_code in (201, 409)
        assert (phone.status_code == 201) == (in_vas["channel"] == "phone")
    # The replica ends with every raced time taken (none offered as free): with the change feed
    # as "busy"; polled, a time the phone won is no longer free in VAS ("withdrawn" from the list).
    await system.replica_has(slot_ids, status="busy" if system.sim.protocol == "simulator-api" else None)
    await system.replica_free_none_of(slot_ids)


async def _booked_on(system: System, slot: str) -> list[dict[str, object]]:
    response = await system.sim.http.post(
        "/api/appointments/search", json={"clinic_hsa_id": HOME_CLINIC, "from": "2000-01-01T00:00:00+00:00"}
    )
    vas_slot = system.sim.vas_id(slot)
    return [a for a in response.json()["items"] if a["timeslot_id"] == vas_slot and a["status"] == "booked"]


async def test_the_slot_replica_follows_vas_withdrawals(system: System) -> None:
    [slot] = await system.vas_slots()
    await system.sim.http.post(f"/api/timeslots/{slot}/withdraw")
    await system.replica_has([slot], status="withdrawn")
    async with system.api.engine.connect() as conn:
        assert await conn.scalar(sa.select(slots.c.status).where(slots.c.id == slot)) == "withdrawn"
