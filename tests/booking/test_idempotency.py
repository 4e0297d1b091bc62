"""`Idempotency-Key` on booking: a retry (same key, same body) gets the same answer and never a
second appointment; the same key with a different body is refused; no key, no booking."""

import asyncio
import uuid

import sqlalchemy as sa

from services.booking.adapters import slot_repo
from tests.support.booking import Api
from tests.support.booking.helpers import (
    HOME_CLINIC,
    NOTHING,
    NURSE_CONDITIONS,
    in_hours,
    phone_booking,
    post_booking,
    problem,
    slot_status,
    stored_keys,
    written_for,
)
from tests.support.waiting import wait_for


async def test_same_key_same_body_same_answer_one_appointment(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    key = str(uuid.uuid4())
    first = await post_booking(api, me, slot, key=key)
    again = await post_booking(api, me, slot, key=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    mine = (await api.http.get("/v1/appointments", headers=me)).json()["items"]
    assert [a["id"] for a in mine] == [first.json()["id"]]
    written = await written_for(api, pnr)
    assert (written.appointments, written.outbox) == (1, 1)


async def test_concurrent_retries_with_one_key_book_once(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    key = str(uuid.uuid4())
    answers = await asyncio.gather(*(post_booking(api, me, slot, key=key) for _ in range(6)))
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    written = await written_for(api, pnr)
    assert (written.appointments, written.outbox) == (1, 1)


async def test_retries_queued_behind_the_first_attempt_answer_what_it_answered(api: Api) -> None:
    """Every attempt waits for the person's lock while it is held elsewhere. The one that gets it
    first books; the others, reading under the lock after it, find its stored answer."""
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    key = str(uuid.uuid4())
    # Another connection watches: inside the holder's transaction the activity view is a snapshot.
    async with api.engine.connect() as holder, api.engine.connect() as watcher:
        await slot_repo.lock_person(holder, pnr)
        attempts = [asyncio.create_task(post_booking(api, me, slot, key=key)) for _ in range(4)]

        async def all_waiting() -> bool:
            waiting = await watcher.scalar(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
                )
            )
            await watcher.rollback()
            return bool(waiting == 4)

        try:
            await wait_for(all_waiting, timeout=30, interval=0.02)
        finally:
            await holder.rollback()
    answers = await asyncio.gather(*attempts)
    assert [a.status_code for a in answers] == [201] * 4, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    written = await written_for(api, pnr)
    assert (written.appointments, written.outbox, written.audit) == (1, 1, 1)


async def test_same_key_different_body_is_422(api: Api) -> None:
    first_slot, second_slot = await api.new_slots(2, gap_min=24 * 60)
    pnr, me = await api.resident()
    key = str(uuid.uuid4())
    made = await post_booking(api, me, first_slot, key=key)
    assert made.status_code == 201, made.text
    before = await written_for(api, pnr)
    body = problem(await post_booking(api, me, second_slot, key=key), 422, "IDEMPOTENCY_KEY_REUSED")
    assert "different request" in body["detail"]
    changed_reason = await post_booking(api, me, first_slot, key=key, reason="annat")
    problem(changed_reason, 422, "IDEMPOTENCY_KEY_REUSED")
    assert await written_for(api, pnr) == before
    assert await slot_status(api, second_slot) == "free"


async def test_a_booking_without_a_key_is_400(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    body = {"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS}
    for headers in (me, {**me, "Idempotency-Key": "   "}, {**me, "Idempotency-Key": "k" * 201}):
        answer = await api.http.post("/v1/appointments", json=body, headers=headers)
        problem(answer, 400, "IDEMPOTENCY_KEY_REQUIRED")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_keys_belong_to_one_person(api: Api) -> None:
    mine_slot, theirs_slot = await api.new_slots(2)
    pnr, me = await api.resident()
    other_pnr, other = await api.resident()
    key = str(uuid.uuid4())
    mine = await post_booking(api, me, mine_slot, key=key)
    theirs = await post_booking(api, other, theirs_slot, key=key)
    assert (mine.status_code, theirs.status_code) == (201, 201), theirs.text
    assert mine.json()["id"] != theirs.json()["id"]
    assert (await written_for(api, pnr)).appointments == (await written_for(api, other_pnr)).appointments == 1


async def test_a_refusal_is_not_remembered_so_the_corrected_retry_books(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    key = str(uuid.uuid4())
    problem(await post_booking(api, me, slot, key=key, conditions=[]), 422, "CONDITIONS_NOT_CONFIRMED")
    assert await stored_keys(api, key) == 0
    assert await written_for(api, pnr) == NOTHING
    # Same key, corrected body: the refusal was not stored as the key's answer.
    corrected = await post_booking(api, me, slot, key=key)
    assert corrected.status_code == 201, corrected.text
    assert await stored_keys(api, key) == 1


async def test_a_retry_after_the_time_was_taken_by_someone_else_still_gets_the_first_answer(api: Api) -> None:
    (slot,) = await api.new_slots(1, start=in_hours(24 * 9))
    _, me = await api.resident()
    key = str(uuid.uuid4())
    first = await post_booking(api, me, slot, key=key)
    assert first.status_code == 201
    # The resident cancels, someone else books the time; a late retry of the first request
    # replays the first answer instead of trying again.
    assert (await api.http.post(f"/v1/appointments/{first.json()['id']}/cancel", headers=me)).status_code == 200
    _, other = await api.resident()
    assert (await post_booking(api, other, slot)).status_code == 201
    late = await post_booking(api, me, slot, key=key)
    assert (late.status_code, late.json()["id"]) == (201, first.json()["id"])


async def test_phone_bookings_are_idempotent_too(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, _ = await api.resident()
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    key = str(uuid.uuid4())
    body = {"personnummer": pnr, "slot_id": slot, "control_questions_answered": True}
    answers = [
        await api.http.post("/v1/staff/appointments", json=body, headers={**staff, "Idempotency-Key": key})
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    changed = await api.http.post(
        "/v1/staff/appointments",
        json={**body, "control_questions_answered": False},
        headers={**staff, "Idempotency-Key": key},
    )
    problem(changed, 422, "IDEMPOTENCY_KEY_REUSED")
    assert (await written_for(api, pnr)).appointments == 1
    other = await phone_booking(api, staff, pnr, slot)  # a new key is a new request: the time is taken
    problem(other, 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
