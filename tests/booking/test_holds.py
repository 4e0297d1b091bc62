"""Holding a time while reading the conditions (FHIR/IHE `$hold`): it keeps the time from
others, booking converts it, and a hold that has run out frees the time by itself."""

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.booking.conftest import Api, BookingEnv, running_api
from tests.booking.helpers import NOTHING, booked, listed, post_booking, problem, slot_status, written_for


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
