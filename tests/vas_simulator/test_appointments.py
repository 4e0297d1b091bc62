"""MakeAppointment, UpdateAppointment, CancelAppointment, GetAppointment(s) and their result codes."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from tests.support.people import personnummer
from tests.support.vas_simulator import Vas, new_clinic


async def test_one_appointment_per_slot_under_concurrent_make(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    answers = await asyncio.gather(*(vas.book(slot, personnummer(), reference=str(uuid.uuid4())) for _ in range(10)))
    codes = sorted(a.status_code for a in answers)
    assert codes == [201] + [409] * 9
    assert {a.json()["result_code"] for a in answers if a.status_code == 409} == {"REQUESTED_TIME_IS_ALREADY_RESERVED"}
    free = (await vas.http.get("/api/timeslots", params={"clinic": vas.clinic})).json()["items"]
    assert free == []


async def test_same_reference_twice_is_the_same_booking(vas: Vas) -> None:
    [slot, other] = await vas.new_slots(2)
    pnr, ref = personnummer(), str(uuid.uuid4())
    first = await vas.book(slot, pnr, reference=ref)
    again = await vas.book(slot, pnr, reference=ref)
    elsewhere = await vas.book(other, pnr, reference=ref)
    assert (first.status_code, again.status_code, elsewhere.status_code) == (201, 200, 200)
    assert first.json()["id"] == again.json()["id"] == elsewhere.json()["id"]
    assert first.json()["id"].startswith("VAS-")
    found = (await vas.http.get("/api/appointments", params={"reference": ref})).json()["items"]
    assert [a["id"] for a in found] == [first.json()["id"]]
    assert found[0]["status"] == "booked"


async def test_concurrent_same_reference_makes_one_booking(vas: Vas) -> None:
    slots = await vas.new_slots(5)
    pnr, ref = personnummer(), str(uuid.uuid4())
    answers = await asyncio.gather(*(vas.book(s, pnr, reference=ref) for s in slots for _ in range(2)))
    assert all(a.status_code in (200, 201) for a in answers), [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    found = (await vas.http.get("/api/appointments", params={"reference": ref})).json()["items"]
    assert len(found) == 1


async def test_make_appointment_answer_shape(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    answer = await vas.book(slot, personnummer(), reference="ref-1-" + uuid.uuid4().hex)
    body = answer.json()
    for key in ("id", "timeslot_id", "reference", "status", "start", "end", "clinic_hsa_id", "time_type_code"):
        assert key in body
    assert body["status"] == "booked" and body["channel"] == "web" and body["clinic_hsa_id"] == vas.clinic
    got = await vas.http.get(f"/api/appointments/{body['id']}")
    assert got.status_code == 200 and got.json()["id"] == body["id"]


async def test_cancel_frees_the_slot_and_twice_is_already_cancelled(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    made = (await vas.book(slot, personnummer())).json()
    cancelled = await vas.http.post(f"/api/appointments/{made['id']}/cancel", json={"reason": "krya"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["cancelled_by"] == "patient"
    free = (await vas.http.get("/api/timeslots", params={"clinic": vas.clinic})).json()["items"]
    assert [s["id"] for s in free] == [slot]
    again = await vas.http.post(f"/api/appointments/{made['id']}/cancel", json={})
    assert again.status_code == 409 and again.json()["result_code"] == "APPOINTMENT_IS_ALREADY_CANCELED"
    rebooked = await vas.book(slot, personnummer(), channel="phone")
    assert rebooked.status_code == 201 and rebooked.json()["channel"] == "phone"


async def test_clinic_cancel_is_marked(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    made = (await vas.book(slot, personnummer())).json()
    cancelled = await vas.http.post(f"/api/appointments/{made['id']}/cancel", json={"by": "clinic"})
    assert cancelled.json()["cancelled_by"] == "clinic"


async def test_update_moves_within_the_clinic(vas: Vas) -> None:
    [first, second] = await vas.new_slots(2)
    [foreign] = await vas.new_slots(clinic=new_clinic())
    made = (await vas.book(first, personnummer())).json()
    moved = await vas.http.post(f"/api/appointments/{made['id']}/update", json={"timeslot_id": second})
    assert moved.status_code == 200 and moved.json()["timeslot_id"] == second
    free = (await vas.http.get("/api/timeslots", params={"clinic": vas.clinic})).json()["items"]
    assert [s["id"] for s in free] == [first]
    refused = await vas.http.post(f"/api/appointments/{made['id']}/update", json={"timeslot_id": foreign})
    assert refused.status_code == 409 and refused.json()["result_code"] == "APPOINTMENT_IS_NOT_ALLOWED"
    other = (await vas.book(first, personnummer())).json()
    taken = await vas.http.post(f"/api/appointments/{other['id']}/update", json={"timeslot_id": second})
    assert taken.json()["result_code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"


async def test_result_codes(vas: Vas) -> None:
    [withdrawn] = await vas.new_slots()
    [passed] = await vas.new_slots(start=datetime.now(UTC) - timedelta(hours=2))
    assert (await vas.http.post(f"/api/timeslots/{withdrawn}/withdraw")).json()["status"] == "withdrawn"
    answer = await vas.book(withdrawn, personnummer())
    assert answer.json()["result_code"] == "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE"
    answer = await vas.book(passed, personnummer())
    assert answer.json()["result_code"] == "REQUESTED_TIME_HAS_ALREADY_PASSED"
    answer = await vas.book("no-such-slot", personnummer())
    assert answer.json()["result_code"] == "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE"
    answer = await vas.http.get("/api/appointments/VAS-nope")
    assert answer.status_code == 404 and answer.json()["result_code"] == "APPOINTMENT_DOES_NOT_EXIST"
    answer = await vas.http.post("/api/appointments/VAS-nope/cancel", json={})
    assert answer.json()["result_code"] == "APPOINTMENT_DOES_NOT_EXIST"
    answer = await vas.book(withdrawn, "19121212-1213")
    assert answer.status_code == 422 and answer.json()["result_code"] == "INVALID_REQUEST"
    assert "19121212" not in answer.text


async def test_free_times_never_include_passed_or_booked(vas: Vas) -> None:
    [past] = await vas.new_slots(start=datetime.now(UTC) - timedelta(hours=1))
    [booked, free] = await vas.new_slots(2)
    await vas.book(booked, personnummer())
    listed = (await vas.http.get("/api/timeslots", params={"clinic": vas.clinic.lower()})).json()["items"]
    assert [s["id"] for s in listed] == [free]
    assert past not in [s["id"] for s in listed]


async def test_search_by_subject(vas: Vas) -> None:
    pnr = personnummer()
    [a, b] = await vas.new_slots(2)
    await vas.book(a, pnr)
    made = (await vas.book(b, pnr)).json()
    await vas.http.post(f"/api/appointments/{made['id']}/cancel", json={})
    found = (await vas.http.post("/api/appointments/search", json={"subject": pnr})).json()["items"]
    assert sorted(x["status"] for x in found) == ["booked", "cancelled"]
    assert {x["subject"] for x in found} == {pnr}


async def test_search_by_clinic_and_time_range(vas: Vas) -> None:
    first = datetime.now(UTC) + timedelta(days=5)
    [a, b] = await vas.new_slots(2, start=first)
    [later] = await vas.new_slots(start=first + timedelta(days=2))
    for slot in (a, b, later):
        await vas.book(slot, personnummer())
    body = {"clinic_hsa_id": vas.clinic, "from": first.isoformat(), "to": (first + timedelta(days=1)).isoformat()}
    found = (await vas.http.post("/api/appointments/search", json=body)).json()["items"]
    assert sorted(x["timeslot_id"] for x in found) == sorted([a, b])
    neither = await vas.http.post("/api/appointments/search", json={"from": first.isoformat()})
    assert neither.status_code == 422 and neither.json()["result_code"] == "INVALID_REQUEST"


async def test_a_withdrawn_time_published_again_is_free_and_on_the_feed(vas: Vas) -> None:
    [slot] = await vas.new_slots()
    await vas.http.post(f"/api/timeslots/{slot}/withdraw")
    seq = await vas.last_seq()
    original = (await vas.http.get(f"/api/timeslots?clinic={vas.clinic}")).json()["items"]
    assert original == []
    again = await vas.http.post(
        "/api/timeslots",
        json=[
            {
                "id": slot,
                "clinic_hsa_id": vas.clinic,
                "time_type_code": "nurse-visit",
                "start": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
                "end": (datetime.now(UTC) + timedelta(days=3, minutes=20)).isoformat(),
            }
        ],
    )
    assert [s["status"] for s in again.json()["items"]] == ["free"]
    feed = (await vas.http.get("/changes", params={"after": seq})).json()["items"]
    assert [(c["kind"], c["id"]) for c in feed] == [("slot_published", slot)]


async def test_time_types_of_a_clinic(vas: Vas) -> None:
    await vas.new_slots(2, time_type="doctor-visit")
    [booked] = await vas.new_slots(1, time_type="nurse-visit")
    await vas.book(booked, personnummer())
    found = (await vas.http.get("/api/timetypes", params={"clinic": vas.clinic})).json()["items"]
    assert found == [{"code": "doctor-visit", "free_timeslots": 2}, {"code": "nurse-visit", "free_timeslots": 0}]
