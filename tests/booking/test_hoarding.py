"""One identity cannot hoard times (finding 8 of the security review: `nurse-visit` had no cap, so
one login booked 30 a minute across 28 clinics; ten parallel holds kept ten times hidden; cancel and
reschedule had no rate limit, so slot-hopping made unlimited VAS updates)."""

import asyncio
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa

from services.booking.adapters.tables import slots
from tests.support.booking import Api
from tests.support.booking.helpers import HOME_CLINIC, OTHER_CLINIC, booked, phone_booking, post_booking, problem

CLINICS = [HOME_CLINIC, OTHER_CLINIC, "SE2321000115-O10003", "SE2321000115-O10004", "SE2321000115-O10006"]


async def test_one_person_has_at_most_four_coming_web_bookings_across_clinics(api: Api) -> None:
    first = datetime.now().astimezone() + timedelta(days=3)
    times = [(await api.new_slots(1, clinic=c, start=first + timedelta(hours=i)))[0] for i, c in enumerate(CLINICS)]
    pnr, me = await api.resident()
    made = [await booked(api, me, slot) for slot in times[:4]]
    refused = await post_booking(api, me, times[4])
    body = problem(refused, 409, "TOO_MANY_BOOKINGS")
    assert body["limit"] == 4
    # The phone line is not capped (staff book after talking to the person).
    staff = await api.staff(roles=["booking_staff"], clinics=[CLINICS[4]])
    assert (await phone_booking(api, staff, pnr, times[4])).status_code == 201
    # Cancelling one gives room for another web booking.
    (extra,) = await api.new_slots(1, clinic=HOME_CLINIC, start=first + timedelta(hours=10))
    await api.http.post(f"/v1/appointments/{made[0]['id']}/cancel", headers=me)
    assert (await post_booking(api, me, extra)).status_code == 201


async def test_ten_parallel_holds_leave_one_time_held(api: Api) -> None:
    times = await api.new_slots(10)
    _, me = await api.resident()
    answers = await asyncio.gather(*(api.http.post(f"/v1/slots/{slot}/hold", headers=me) for slot in times))
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    async with api.engine.connect() as conn:
        held = await conn.scalar(sa.select(sa.func.count()).where(slots.c.id.in_(times), slots.c.status == "held"))
    assert held == 1


async def test_cancel_and_reschedule_are_rate_limited_per_person(api: Api) -> None:
    _, me = await api.resident()
    statuses = []
    for _ in range(12):
        target = f"/v1/appointments/{uuid.uuid4()}/cancel"
        statuses.append((await api.http.post(target, headers=me)).status_code)
    assert statuses[:10] == [404] * 10
    limited = await api.http.post(
        f"/v1/appointments/{uuid.uuid4()}/reschedule", json={"slot_id": "x", "confirmed_conditions": []}, headers=me
    )
    body = problem(limited, 429, "TOO_MANY_REQUESTS")
    assert int(limited.headers["Retry-After"]) >= 1 and body["retry_after_s"] >= 1
