"""Holding a time while reading the conditions (FHIR/IHE `$hold`): it keeps the time from
others, booking converts it, and a hold that has run out frees the time by itself."""

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.support.booking import Api, BookingEnv, running_api
from tests.support.booking.helpers import (
    HOME_CLINIC,
    NO_ROLLOUT_CLINIC,
    NOTHING,
    booked,
    in_hours,
    listed,
    phone_booking,
    post_booking,
    problem,
    slot_status,
    written_for,
)


@pytest_asyncio.fixture
async def instant_expiry_api(booking_env: BookingEnv) -> AsyncIterator[Api]:
    """The booking app configured with holds that run out at once."""
    settings = booking_env.settings.model_copy(update={"hold_minutes": 0})
    async for value in running_api(BookingEnv(settings=settings, idp_url=booking_env.idp_url)):
        yield value


async def test_a_hold_keeps_the_time_from_others_until_booked(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    other_pnr, other = await api.resident()
    held = await api.http.post(f"/v1/slots/{slot}/hold", headers=me)
    assert held.status_code == 200, held.text
    assert held.json()["slot_id"] == slot
    assert held.json()["held_until"].endswith(("+01:00", "+02:00"))
    assert not await listed(api, slot)
    # Holding again extends one's own hold; someone else is turned away.
    assert (await api.http.post(f"/v1/slots/{slot}/hold", headers=me)).status_code == 200
    problem(await api.http.post(f"/v1/slots/{slot}/hold", headers=other), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    problem(await post_booking(api, other, slot), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    assert await written_for(api, other_pnr) == NOTHING

    made = await booked(api, me, slot)
    assert made["status"] == "pending"
    assert await slot_status(api, slot) == "busy"
    problem(await api.http.post(f"/v1/slots/{slot}/hold", headers=other), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")


async def test_a_hold_that_ran_out_frees_the_time_by_itself(instant_expiry_api: Api) -> None:
    api = instant_expiry_api
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    _, other = await api.resident()
    assert (await api.http.post(f"/v1/slots/{slot}/hold", headers=me)).status_code == 200
    # Nobody released it: it is simply past its time.
    assert await listed(api, slot)
    assert (await api.http.post(f"/v1/slots/{slot}/hold", headers=other)).status_code == 200
    made = await booked(api, other, slot)
    assert made["slot_id"] == slot
    problem(await post_booking(api, me, slot), 409, "REQUESTED_TIME_IS_ALREADY_RESERVED")


async def test_only_a_time_the_web_may_book_can_be_held(api: Api) -> None:
    """A hold keeps a time from the phone line too, so the web may not hold what it may not book."""
    (home_visit,) = await api.new_slots(1, time_type="home-visit", length_min=60)
    (not_rolled_out,) = await api.new_slots(1, clinic=NO_ROLLOUT_CLINIC)
    (too_soon,) = await api.new_slots(1, start=in_hours(1))  # nurse visits: 2 h ahead at the latest
    _, me = await api.resident()
    problem(await api.http.post(f"/v1/slots/{home_visit}/hold", headers=me), 403, "APPOINTMENT_IS_NOT_ALLOWED")
    problem(await api.http.post(f"/v1/slots/{not_rolled_out}/hold", headers=me), 403, "WEB_BOOKING_CLOSED")
    problem(await api.http.post(f"/v1/slots/{too_soon}/hold", headers=me), 422, "TOO_LATE_TO_MAKE_APPOINTMENT")
    for slot in (home_visit, not_rolled_out, too_soon):
        assert await slot_status(api, slot) == "free"
    # The phone line books the home visit the resident could not hold.
    pnr, _ = await api.resident()
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    assert (await phone_booking(api, staff, pnr, home_visit)).status_code == 201


async def test_one_hold_per_person_a_new_hold_gives_the_earlier_one_back(api: Api) -> None:
    first, second = await api.new_slots(2, start=in_hours(24 * 8))
    _, me = await api.resident()
    assert (await api.http.post(f"/v1/slots/{first}/hold", headers=me)).status_code == 200
    assert (await api.http.post(f"/v1/slots/{second}/hold", headers=me)).status_code == 200
    assert (await slot_status(api, first), await slot_status(api, second)) == ("free", "held")
    assert await listed(api, first)
