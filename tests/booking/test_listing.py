"""Listing means bookable: whatever the hour (early morning, midday, just before midnight, the nights
the clocks change), the first time GET /v1/slots offers is one the asker can book — a resident on
the web for every web-bookable time type of the demo catalogue, staff on the phone, and a resident
moving an appointment. These three go through the typed client generated from the OpenAPI document
(clients/booking), so the document is exercised by real calls. Inside the booking deadline, closed
for the web or hidden without the guide's ticket, a time is not offered at all (issue 14: at 07:40
the list offered 08:00, and booking it answered TOO_LATE_TO_MAKE_APPOINTMENT)."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from clients.booking.api.appointments import create, reschedule_mine, reschedule_targets
from clients.booking.api.slots import search
from clients.booking.api.staff import phone_booking as phone_booking_call
from clients.booking.models import (
    AppointmentAnswer,
    AppointmentAnswerStatus,
    BookingRequest,
    RescheduleRequest,
    SlotAnswer,
    SlotPage,
    StaffBookingRequest,
)
from clients.booking.types import UNSET
from services.booking.domain import guide_tickets
from services.booking.main import DEMO
from shared.contracts.schedule import SlotPublished
from tests.support.booking import Api, EligibilityApi
from tests.support.booking.helpers import OTHER_CLINIC, post_booking, problem
from tests.support.clock import FakeClock

STOCKHOLM = ZoneInfo("Europe/Stockholm")
TOMORROW = (datetime.now(STOCKHOLM) + timedelta(days=1)).date()


def _at(day: Any, hour: int, minute: int, *, fold: int = 0) -> datetime:
    """A Stockholm wall-clock time, as an instant (arithmetic on it is then in real hours: adding
    an hour to 01:40 on the night the clocks go forward gives 03:40, not a time that never was)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM, fold=fold).astimezone(UTC)


# The hours a resident may look, and the two nights a year the wall clock jumps.
HOURS = {
    "07:40": _at(TOMORROW, 7, 40),
    "12:00": _at(TOMORROW, 12, 0),
    "23:30": _at(TOMORROW, 23, 30),
    "spring-forward": _at(datetime(2027, 3, 28), 1, 40),  # 02:00 becomes 03:00
    "fall-back": _at(datetime(2027, 10, 31), 2, 40, fold=0),  # 03:00 becomes 02:00 again
}
CATALOGUE = yaml.safe_load((DEMO / "time_types.yaml").read_text())["time_types"]
WEB_TYPES = [t["code"] for t in CATALOGUE if t["web_bookable"]]
CONDITIONS = {t["code"]: [c["id"] for c in t.get("conditions") or []] for t in CATALOGUE}
HIDDEN = {t["code"] for t in CATALOGUE if t["hidden"]}
# Times from 20 minutes to three hours ahead: some inside each web deadline (1-2 h), some past it.
OFFSETS_MIN = (20, 50, 80, 110, 140, 170)


async def _times(api: Api, now: datetime, time_type: str, clinic: str = OTHER_CLINIC) -> list[str]:
    events = [
        SlotPublished(
            slot_id=f"l-{uuid.uuid4().hex[:12]}",
            clinic_hsa_id=clinic,
            time_type_code=time_type,
            start=now + timedelta(minutes=m),
            end=now + timedelta(minutes=m + 15),
        )
        for m in OFFSETS_MIN
    ]
    await api.publish_slots(*events)
    return [e.slot_id for e in events]


async def _listed(api: Api, headers: dict[str, str], now: datetime, **params: str) -> list[dict[str, Any]]:
    window = {"from": now.isoformat(), "to": (now + timedelta(hours=4)).isoformat(), "limit": "500"}
    answer = await api.http.get("/v1/slots", params={**window, **params}, headers=headers)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


async def _offered(api: Api, who: dict[str, str], now: datetime, **asked: str) -> list[SlotAnswer]:
    """GET /v1/slots through the typed client generated from the OpenAPI document."""
    answer = await search.asyncio_detailed(
        client=api.client,
        from_=now,
        to=now + timedelta(hours=4),
        limit=500,
        authorization=who.get("Authorization", UNSET),
        **asked,
    )
    assert isinstance(answer.parsed, SlotPage), answer.content
    return answer.parsed.items


async def _book(
    api: Api, who: dict[str, str], slot: SlotAnswer, time_type: str, **extra: str
) -> AppointmentAnswer | str:
    """POST /v1/appointments through the typed client: the appointment, or the refusal as text."""
    answer = await create.asyncio_detailed(
        client=api.client,
        body=BookingRequest(slot_id=slot.id, confirmed_conditions=CONDITIONS[time_type], **extra),
        idempotency_key=str(uuid.uuid4()),
        authorization=who["Authorization"],
    )
    return answer.parsed if isinstance(answer.parsed, AppointmentAnswer) else answer.content.decode()


def _frozen(api: Api, at: datetime) -> None:
    api.app.state.booking.clock = FakeClock(at)


@pytest.mark.parametrize("hour", HOURS)
async def test_the_first_listed_time_is_bookable_on_the_web_for_every_time_type(
    eligibility_api: EligibilityApi, hour: str
) -> None:
    api, now = eligibility_api.api, HOURS[hour]
    _frozen(api, now)
    rules = {t["code"]: t["rules"]["book"]["deadline_hours"] for t in CATALOGUE}
    for time_type in WEB_TYPES:
        ours = await _times(api, now, time_type)
        pnr, me = await api.resident()
        ticket = guide_tickets.issue(
            secret=api.env.settings.guide_secret, subject=pnr, time_type_code=time_type, ttl_s=10**9
        )
        asked = {"clinic": OTHER_CLINIC, "time_type": time_type}
        if time_type in HIDDEN:
            assert await _listed(api, me, now, **asked) == [], f"{time_type} is hidden without the guide's ticket"
            asked["guide_ticket"] = ticket
        offered = await _offered(api, me, now, **asked)
        assert offered, f"{hour} {time_type}: nothing listed"
        deadline = now + timedelta(hours=rules[time_type])
        assert all(s.start >= deadline for s in offered), (hour, time_type)
        inside = [s for s, m in zip(ours, OFFSETS_MIN, strict=True) if m < rules[time_type] * 60]
        assert not set(inside) & {s.id for s in offered}, f"{time_type}: listed inside its deadline"
        extra = {"guide_ticket": ticket} if time_type in HIDDEN else {}
        made = await _book(api, me, offered[0], time_type, **extra)
        assert isinstance(made, AppointmentAnswer), f"{hour} {time_type}: listed {offered[0].start}, {made}"
        assert made.status == AppointmentAnswerStatus.PENDING
        assert (made.slot_id, made.start) == (offered[0].id, offered[0].start)


@pytest.mark.parametrize("hour", HOURS)
async def test_the_phone_line_lists_inside_the_web_deadline_and_books_it(api: Api, hour: str) -> None:
    now = HOURS[hour]
    _frozen(api, now)
    await _times(api, now, "nurse-visit")
    staff = await api.staff(roles=["booking_staff"], clinics=[OTHER_CLINIC])
    offered = await _offered(api, staff, now, clinic=OTHER_CLINIC, time_type="nurse-visit")
    assert offered[0].start == now + timedelta(minutes=OFFSETS_MIN[0]), "the phone line books inside the web's deadline"
    pnr, _ = await api.resident()
    answer = await phone_booking_call.asyncio_detailed(
        client=api.client,
        body=StaffBookingRequest(personnummer=pnr, slot_id=offered[0].id, control_questions_answered=True),
        idempotency_key=str(uuid.uuid4()),
        authorization=staff["Authorization"],
    )
    assert isinstance(answer.parsed, AppointmentAnswer), answer.content
    assert answer.parsed.channel == "phone"
    elsewhere = await _offered(api, staff, now, clinic="SE2321000115-O10001", time_type="nurse-visit")
    assert elsewhere == [], "staff list only their own clinics' times"


@pytest.mark.parametrize("hour", ["07:40", "23:30", "spring-forward"])
async def test_the_first_reschedule_target_is_bookable(api: Api, hour: str) -> None:
    now = HOURS[hour]
    _frozen(api, now)
    later = now + timedelta(days=3)
    (current,) = await api.new_slots(1, clinic=OTHER_CLINIC, start=later)
    await _times(api, now, "nurse-visit")
    _, me = await api.resident()
    made = await post_booking(api, me, current, conditions=CONDITIONS["nurse-visit"])
    assert made.status_code == 201, made.text
    appointment_id = uuid.UUID(made.json()["id"])
    targets = await reschedule_targets.asyncio_detailed(
        appointment_id, client=api.client, from_=now, to=now + timedelta(hours=4), authorization=me["Authorization"]
    )
    assert isinstance(targets.parsed, SlotPage), targets.content
    (first, *_) = targets.parsed.items
    assert first.start >= now + timedelta(hours=2)
    moved = await reschedule_mine.asyncio_detailed(
        appointment_id,
        client=api.client,
        body=RescheduleRequest(slot_id=first.id, confirmed_conditions=CONDITIONS["nurse-visit"]),
        authorization=me["Authorization"],
    )
    assert isinstance(moved.parsed, AppointmentAnswer), moved.content
    assert (moved.parsed.slot_id, moved.parsed.start) == (first.id, first.start)


async def test_no_targets_once_it_is_too_late_to_move(api: Api) -> None:
    now = HOURS["12:00"]
    _frozen(api, now)
    (soon,) = await api.new_slots(1, clinic=OTHER_CLINIC, start=now + timedelta(hours=5))
    _, me = await api.resident()
    made = await post_booking(api, me, soon, conditions=CONDITIONS["nurse-visit"])
    assert made.status_code == 201, made.text
    late = await api.http.get(f"/v1/appointments/{made.json()['id']}/reschedule-targets", headers=me)
    problem(late, 422, "TOO_LATE_TO_UPDATE_APPOINTMENT")


async def test_a_closure_takes_times_off_the_web_list_not_the_phone_lines(api: Api) -> None:
    now = HOURS["12:00"]
    _frozen(api, now)
    await _times(api, now, "wound-check")
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    closure = await api.http.post(
        "/v1/staff/closures",
        json={
            "clinic_hsa_id": OTHER_CLINIC,
            "time_type_code": "wound-check",
            "message_sv": "Stängt för webbokning",
            "message_en": "Closed for web booking",
            "phone": "0771-11 22 33",
        },
        headers=admin,
    )
    assert closure.status_code == 201, closure.text
    try:
        assert await _listed(api, {}, now, clinic=OTHER_CLINIC, time_type="wound-check") == []
        staff = await api.staff(roles=["booking_staff"], clinics=[OTHER_CLINIC])
        assert await _listed(api, staff, now, clinic=OTHER_CLINIC, time_type="wound-check")
    finally:
        reopened = await api.http.post(f"/v1/staff/closures/{closure.json()['id']}/reopen", headers=admin)
        assert reopened.status_code == 200, reopened.text
    assert await _listed(api, {}, now, clinic=OTHER_CLINIC, time_type="wound-check")


async def test_someone_elses_hold_is_not_listed_and_ones_own_is(api: Api) -> None:
    now = HOURS["12:00"]
    _frozen(api, now)
    ours = await _times(api, now, "blood-test")
    _, holder = await api.resident()
    _, other = await api.resident()
    target = ours[-1]
    held = await api.http.post(f"/v1/slots/{target}/hold", headers=holder)
    assert held.status_code == 200, held.text
    assert target in {s["id"] for s in await _listed(api, holder, now, clinic=OTHER_CLINIC, time_type="blood-test")}
    assert target not in {s["id"] for s in await _listed(api, other, now, clinic=OTHER_CLINIC, time_type="blood-test")}


async def test_at_the_cap_of_coming_web_bookings_a_resident_is_offered_nothing(api: Api) -> None:
    now = HOURS["12:00"]
    _frozen(api, now)
    await _times(api, now, "blood-test")
    _, me = await api.resident()
    cap = api.env.settings.max_live_web_bookings
    assert cap is not None
    for slot in await api.new_slots(cap, clinic=OTHER_CLINIC, start=now + timedelta(days=5)):
        made = await post_booking(api, me, slot, conditions=CONDITIONS["nurse-visit"])
        assert made.status_code == 201, made.text
    assert await _listed(api, me, now, clinic=OTHER_CLINIC, time_type="blood-test") == []
    assert await _listed(api, {}, now, clinic=OTHER_CLINIC, time_type="blood-test"), "others still see them"


async def test_a_time_type_whose_limit_per_person_is_reached_is_not_offered_to_that_person(api: Api) -> None:
    now = HOURS["12:00"]
    _frozen(api, now)
    await _times(api, now, "nurse-phone")
    await _times(api, now, "blood-test")
    (limit,) = [t["max_live_per_person"] for t in CATALOGUE if t["code"] == "nurse-phone"]
    _, me = await api.resident()
    later = await api.new_slots(limit, clinic=OTHER_CLINIC, time_type="nurse-phone", start=now + timedelta(days=6))
    for slot in later:
        made = await post_booking(api, me, slot, conditions=CONDITIONS["nurse-phone"])
        assert made.status_code == 201, made.text
    assert await _listed(api, me, now, clinic=OTHER_CLINIC, time_type="nurse-phone") == []
    assert await _listed(api, me, now, clinic=OTHER_CLINIC, time_type="blood-test"), "other time types still are"
