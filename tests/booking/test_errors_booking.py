"""Every refusal of a booking, cancellation or rebooking a resident can meet, with its stable
code — and that a refusal leaves nothing behind (no appointment, no event, no audit record)."""

import uuid
from datetime import timedelta
from typing import Any

import pytest

from services.booking.domain.eligibility import Decision
from services.booking.usecases import place
from shared.contracts.schedule import SlotPublished
from tests.support.booking import Api, EligibilityApi
from tests.support.booking.helpers import (
    COVID1_CONDITIONS,
    HOME_CLINIC,
    NOTHING,
    NURSE_CONDITIONS,
    OTHER_CLINIC,
    booked,
    count_transactions,
    in_hours,
    listed,
    phone_booking,
    post_booking,
    problem,
    slot_status,
    written_for,
)


async def test_unknown_slot_is_404(api: Api) -> None:
    pnr, me = await api.resident()
    problem(await post_booking(api, me, "no-such-slot"), 404, "SLOT_DOES_NOT_EXIST")
    problem(await api.http.post("/v1/slots/no-such-slot/hold", headers=me), 404, "SLOT_DOES_NOT_EXIST")
    assert await written_for(api, pnr) == NOTHING

    (slot,) = await api.new_slots(1)
    appointment = await booked(api, me, slot)
    before = await written_for(api, pnr)
    moved = await api.http.post(
        f"/v1/appointments/{appointment['id']}/reschedule",
        json={"slot_id": "no-such-slot", "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    problem(moved, 404, "SLOT_DOES_NOT_EXIST")
    assert await written_for(api, pnr) == before


async def test_a_time_that_has_passed_is_neither_shown_nor_bookable(api: Api) -> None:
    (past,) = await api.new_slots(1, start=in_hours(-2))
    pnr, me = await api.resident()
    assert not await listed(api, past)
    problem(await api.http.post(f"/v1/slots/{past}/hold", headers=me), 409, "REQUESTED_TIME_HAS_ALREADY_PASSED")
    problem(await post_booking(api, me, past), 409, "REQUESTED_TIME_HAS_ALREADY_PASSED")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, past) == "free"


async def test_too_late_to_book_on_the_web_inside_the_deadline(api: Api) -> None:
    # Nurse visits are booked on the web at least 2 h ahead.
    soon, later = await api.new_slots(2, start=in_hours(1), gap_min=150)
    pnr, me = await api.resident()
    body = problem(await post_booking(api, me, soon), 422, "TOO_LATE_TO_MAKE_APPOINTMENT")
    assert "call the clinic" in body["detail"]
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, soon) == "free"
    assert (await booked(api, me, later))["slot_id"] == later  # 3.5 h ahead: fine


async def test_too_late_to_cancel_or_rebook_inside_24_hours(api: Api) -> None:
    (tomorrow_morning,) = await api.new_slots(1, start=in_hours(12))
    (next_week,) = await api.new_slots(1, start=in_hours(24 * 7))
    pnr, me = await api.resident()
    appointment = await booked(api, me, tomorrow_morning)
    before = await written_for(api, pnr)

    cancel = await api.http.post(f"/v1/appointments/{appointment['id']}/cancel", headers=me, json={})
    problem(cancel, 422, "TOO_LATE_TO_CANCEL_APPOINTMENT")
    moved = await api.http.post(
        f"/v1/appointments/{appointment['id']}/reschedule",
        json={"slot_id": next_week, "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    problem(moved, 422, "TOO_LATE_TO_UPDATE_APPOINTMENT")

    still = (await api.http.get(f"/v1/appointments/{appointment['id']}", headers=me)).json()
    assert (still["status"], still["slot_id"], still["version"]) == ("pending", tomorrow_morning, 1)
    assert await written_for(api, pnr) == before
    assert await slot_status(api, next_week) == "free"


async def test_rebooking_into_a_time_inside_the_booking_deadline_is_too_late(api: Api) -> None:
    (far,) = await api.new_slots(1, start=in_hours(24 * 4))
    (soon,) = await api.new_slots(1, start=in_hours(1))
    pnr, me = await api.resident()
    appointment = await booked(api, me, far)
    before = await written_for(api, pnr)
    moved = await api.http.post(
        f"/v1/appointments/{appointment['id']}/reschedule",
        json={"slot_id": soon, "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    problem(moved, 422, "TOO_LATE_TO_UPDATE_APPOINTMENT")
    assert await written_for(api, pnr) == before
    assert (await slot_status(api, far), await slot_status(api, soon)) == ("busy", "free")


async def test_someone_else_got_the_time(api: Api) -> None:
    taken, held = await api.new_slots(2)
    _, first = await api.resident()
    pnr, second = await api.resident()
    await booked(api, first, taken)
    body = problem(await post_booking(api, second, taken), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert "Choose another time" in body["detail"]

    assert (await api.http.post(f"/v1/slots/{held}/hold", headers=first)).status_code == 200
    problem(await post_booking(api, second, held), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    problem(await api.http.post(f"/v1/slots/{held}/hold", headers=second), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert await written_for(api, pnr) == NOTHING
    # The holder books the time they hold.
    assert (await booked(api, first, held))["slot_id"] == held


async def test_a_refusal_decided_under_the_lock_is_answered_without_looking_again(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored-answer lookup ran under the person's lock and found nothing: a refusal decided
    under that lock needs no second lookup on a connection of its own (a 409 in a contended
    launch costs one transaction, not a transaction and a lookup)."""
    (taken,) = await api.new_slots(1)
    _, first = await api.resident()
    pnr, second = await api.resident()
    await booked(api, first, taken)
    looked: list[object] = []
    original = place._replay

    async def counted(*args: Any) -> Any:
        looked.append(args)
        return await original(*args)

    monkeypatch.setattr(place, "_replay", counted)
    problem(await post_booking(api, second, taken), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert looked == []
    # The same request again answers the same refusal (nothing was stored for its key).
    key = str(uuid.uuid4())
    for _ in range(2):
        problem(await post_booking(api, second, taken, key=key), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert await written_for(api, pnr) == NOTHING


async def test_every_condition_must_be_confirmed(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    none = problem(await post_booking(api, me, slot, conditions=[]), 422, "CONDITIONS_NOT_CONFIRMED")
    assert none["missing_conditions"] == sorted(NURSE_CONDITIONS)
    one = problem(await post_booking(api, me, slot, conditions=["no-fever-24h"]), 422, "CONDITIONS_NOT_CONFIRMED")
    assert one["missing_conditions"] == ["not-urgent"]
    wrong = problem(
        await post_booking(api, me, slot, conditions=["no-fever-24h", "something-else"]),
        422,
        "CONDITIONS_NOT_CONFIRMED",
    )
    assert wrong["missing_conditions"] == ["not-urgent"]
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_one_person_cannot_be_in_two_places_at_once(api: Api) -> None:
    start = in_hours(24 * 5)
    (here,) = await api.new_slots(1, clinic=HOME_CLINIC, start=start)
    (there,) = await api.new_slots(1, clinic=OTHER_CLINIC, start=start + timedelta(minutes=10))
    pnr, me = await api.resident()
    await booked(api, me, here)
    before = await written_for(api, pnr)
    problem(await post_booking(api, me, there), 409, "USER_IS_ALREADY_OCCUPIED")
    assert await written_for(api, pnr) == before
    assert await slot_status(api, there) == "free"

    # Rebooking into a time that overlaps another of one's own appointments is refused too.
    later = start + timedelta(hours=3)
    (second_visit,) = await api.new_slots(1, clinic=HOME_CLINIC, start=later)
    (overlapping,) = await api.new_slots(1, clinic=HOME_CLINIC, start=later)
    await booked(api, me, second_visit)
    first = (await api.http.get("/v1/appointments", headers=me)).json()["items"][0]
    moved = await api.http.post(
        f"/v1/appointments/{first['id']}/reschedule",
        json={"slot_id": overlapping, "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    problem(moved, 409, "USER_IS_ALREADY_OCCUPIED")
    assert await slot_status(api, overlapping) == "free"


async def test_rebooking_stays_within_the_clinic_and_time_type(api: Api) -> None:
    (mine,) = await api.new_slots(1, clinic=HOME_CLINIC)
    (elsewhere,) = await api.new_slots(1, clinic=OTHER_CLINIC, start=in_hours(24 * 6))
    (other_type,) = await api.new_slots(1, clinic=HOME_CLINIC, time_type="nurse-phone", start=in_hours(24 * 6))
    pnr, me = await api.resident()
    appointment = await booked(api, me, mine)
    before = await written_for(api, pnr)
    for target in (elsewhere, other_type):
        moved = await api.http.post(
            f"/v1/appointments/{appointment['id']}/reschedule",
            json={"slot_id": target, "confirmed_conditions": NURSE_CONDITIONS},
            headers=me,
        )
        problem(moved, 422, "RESCHEDULE_TO_OTHER_CLINIC_NOT_ALLOWED")
        assert await slot_status(api, target) == "free"
    same = await api.http.post(
        f"/v1/appointments/{appointment['id']}/reschedule",
        json={"slot_id": mine, "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    problem(same, 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert await written_for(api, pnr) == before
    assert (await api.http.get(f"/v1/appointments/{appointment['id']}", headers=me)).json()["slot_id"] == mine


async def test_rebooking_into_a_taken_time_is_refused(api: Api) -> None:
    mine, theirs = await api.new_slots(2)
    pnr, me = await api.resident()
    _, other = await api.resident()
    appointment = await booked(api, me, mine)
    await booked(api, other, theirs)
    before = await written_for(api, pnr)
    moved = await api.http.post(
        f"/v1/appointments/{appointment['id']}/reschedule",
        json={"slot_id": theirs, "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    problem(moved, 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert await written_for(api, pnr) == before


async def test_time_types_the_web_does_not_book(api: Api) -> None:
    (home_visit,) = await api.new_slots(1, time_type="home-visit", length_min=60)
    pnr, me = await api.resident()
    assert not await listed(api, home_visit)
    offered = (await api.http.get(f"/v1/clinics/{HOME_CLINIC}/time-types")).json()["items"]
    assert "home-visit" not in {t["code"] for t in offered}
    body = problem(await post_booking(api, me, home_visit, conditions=[]), 403, "APPOINTMENT_IS_NOT_ALLOWED")
    assert body["detail_sv"]

    # A single time the clinic keeps off the web, of a type that is otherwise web-bookable.
    phone_only = SlotPublished(
        slot_id=f"t-{uuid.uuid4().hex[:12]}",
        clinic_hsa_id=HOME_CLINIC,
        time_type_code="nurse-visit",
        start=in_hours(24 * 3),
        end=in_hours(24 * 3 + 0.5),
        web_bookable=False,
    )
    await api.publish_slots(phone_only)
    assert not await listed(api, phone_only.slot_id)
    problem(await post_booking(api, me, phone_only.slot_id), 403, "APPOINTMENT_IS_NOT_ALLOWED")
    assert await written_for(api, pnr) == NOTHING
    assert {await slot_status(api, home_visit), await slot_status(api, phone_only.slot_id)} == {"free"}


async def test_someone_elses_appointment_does_not_exist(api: Api) -> None:
    slot, spare = await api.new_slots(2)
    owner_pnr, owner = await api.resident()
    _, stranger = await api.resident()
    appointment = await booked(api, owner, slot)
    before = await written_for(api, owner_pnr)
    path = f"/v1/appointments/{appointment['id']}"
    problem(await api.http.get(path, headers=stranger), 404, "APPOINTMENT_DOES_NOT_EXIST")
    problem(await api.http.post(f"{path}/cancel", headers=stranger, json={}), 404, "APPOINTMENT_DOES_NOT_EXIST")
    moved = await api.http.post(
        f"{path}/reschedule", json={"slot_id": spare, "confirmed_conditions": NURSE_CONDITIONS}, headers=stranger
    )
    problem(moved, 404, "APPOINTMENT_DOES_NOT_EXIST")
    assert (await api.http.get("/v1/appointments", headers=stranger)).json() == {"items": [], "next": None}
    problem(await api.http.get(f"/v1/appointments/{uuid.uuid4()}", headers=owner), 404, "APPOINTMENT_DOES_NOT_EXIST")
    assert await written_for(api, owner_pnr) == before
    assert (await api.http.get(path, headers=owner)).json()["status"] == "pending"
    assert await slot_status(api, spare) == "free"


async def test_a_cancelled_appointment_cannot_be_cancelled_or_moved(api: Api) -> None:
    slot, spare = await api.new_slots(2)
    pnr, me = await api.resident()
    appointment = await booked(api, me, slot)
    path = f"/v1/appointments/{appointment['id']}"
    assert (await api.http.post(f"{path}/cancel", headers=me)).json()["status"] == "cancelled"
    before = await written_for(api, pnr)
    problem(await api.http.post(f"{path}/cancel", headers=me, json={}), 409, "APPOINTMENT_IS_ALREADY_CANCELED")
    moved = await api.http.post(
        f"{path}/reschedule", json={"slot_id": spare, "confirmed_conditions": NURSE_CONDITIONS}, headers=me
    )
    problem(moved, 409, "APPOINTMENT_IS_ALREADY_CANCELED")
    assert await written_for(api, pnr) == before
    # A cancelled time is bookable again at once.
    assert await listed(api, slot)
    _, other = await api.resident()
    assert (await booked(api, other, slot))["slot_id"] == slot


async def test_a_reason_is_required_where_the_time_type_says_so(api: Api) -> None:
    # Home visits are booked by the phone line; cancelling one on the web needs a reason.
    (slot,) = await api.new_slots(1, time_type="home-visit", length_min=60)
    pnr, me = await api.resident()
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    response = await phone_booking(api, staff, pnr, slot)
    assert response.status_code == 201, response.text
    path = f"/v1/appointments/{response.json()['id']}"
    before = await written_for(api, pnr)
    problem(await api.http.post(f"{path}/cancel", headers=me, json={}), 422, "REASON_REQUIRED")
    problem(await api.http.post(f"{path}/cancel", headers=me, json={"reason": "   "}), 422, "REASON_REQUIRED")
    (spare,) = await api.new_slots(1, time_type="home-visit", length_min=60)
    move = {"slot_id": spare, "confirmed_conditions": []}
    problem(await api.http.post(f"{path}/reschedule", headers=me, json=move), 422, "REASON_REQUIRED")
    assert await written_for(api, pnr) == before
    with_reason = await api.http.post(f"{path}/reschedule", headers=me, json={**move, "reason": "Bortrest"})
    assert with_reason.json().get("code") != "REASON_REQUIRED"
    cancelled = await api.http.post(f"{path}/cancel", headers=me, json={"reason": "Jag är frisk igen"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"


async def test_restricted_time_type_fails_closed_without_the_eligibility_service(api: Api) -> None:
    (slot,) = await api.new_slots(1, time_type="covid19-dose1", length_min=10)
    pnr, me = await api.resident()
    answer = await post_booking(api, me, slot, conditions=COVID1_CONDITIONS)
    body = problem(answer, 503, "ELIGIBILITY_UNAVAILABLE")
    assert int(answer.headers["retry-after"]) > 0
    assert "nothing was booked" in body["detail"]
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_not_eligible(eligibility_api: EligibilityApi) -> None:
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    eligibility.decision = Decision(eligible=False, reason="AGE_BELOW_80", rule_version="halland-2021-1")
    (slot,) = await api.new_slots(1, time_type="covid19-dose1", length_min=10)
    pnr, me = await api.resident()
    body = problem(await post_booking(api, me, slot, conditions=COVID1_CONDITIONS), 403, "NOT_ELIGIBLE")
    assert body["reason"] == "AGE_BELOW_80"
    assert [(q.subject, q.time_type_code, q.channel) for q in eligibility.questions] == [(pnr, "covid19-dose1", "web")]
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"


async def test_a_refusal_by_eligibility_takes_one_transaction(
    eligibility_api: EligibilityApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every other check passed under the lock before eligibility was asked: a negative decision
    is answered at once, not after a second transaction that would check them all again."""
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    eligibility.decision = Decision(eligible=False, reason="AGE_BELOW_80", rule_version="halland-2021-1")
    (slot,) = await api.new_slots(1, time_type="covid19-dose1", length_min=10)
    pnr, me = await api.resident()
    opened = count_transactions(monkeypatch)
    problem(await post_booking(api, me, slot, conditions=COVID1_CONDITIONS), 403, "NOT_ELIGIBLE")
    assert len(opened) == 1
    assert await written_for(api, pnr) == NOTHING


async def test_a_move_refused_by_eligibility_changes_nothing(eligibility_api: EligibilityApi) -> None:
    api, eligibility = eligibility_api.api, eligibility_api.eligibility
    first, second = await api.new_slots(2, time_type="covid19-dose1", length_min=10, gap_min=60 * 24)
    pnr, me = await api.resident()
    dose = await booked(api, me, first, conditions=COVID1_CONDITIONS)
    before = await written_for(api, pnr)
    eligibility.decision = Decision(eligible=False, reason="AGE_BELOW_80", rule_version="halland-2021-1")
    moved = await api.http.post(
        f"/v1/appointments/{dose['id']}/reschedule",
        json={"slot_id": second, "confirmed_conditions": COVID1_CONDITIONS},
        headers=me,
    )
    assert problem(moved, 403, "NOT_ELIGIBLE")["reason"] == "AGE_BELOW_80"
    assert [q.purpose for q in eligibility.questions] == ["book", "reschedule"]
    assert await written_for(api, pnr) == before
    assert await slot_status(api, second) == "free"


async def test_one_live_dose_per_person(eligibility_api: EligibilityApi) -> None:
    api = eligibility_api.api
    first, second = await api.new_slots(2, time_type="covid19-dose1", length_min=10, gap_min=60 * 24)
    pnr, me = await api.resident()
    dose = await booked(api, me, first, conditions=COVID1_CONDITIONS)
    before = await written_for(api, pnr)
    body = problem(await post_booking(api, me, second, conditions=COVID1_CONDITIONS), 403, "APPOINTMENT_IS_NOT_ALLOWED")
    assert body["limit"] == 1
    assert await written_for(api, pnr) == before
    assert await slot_status(api, second) == "free"
    # Once the first is cancelled, another may be booked.
    assert (await api.http.post(f"/v1/appointments/{dose['id']}/cancel", headers=me)).status_code == 200
    assert (await booked(api, me, second, conditions=COVID1_CONDITIONS))["slot_id"] == second
