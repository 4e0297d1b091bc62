"""Eligibility stops and comes back: booking fails closed meanwhile, then asks again by itself."""

from datetime import timedelta

from tests.support.booking import running_api
from tests.support.booking.helpers import COVID1_CONDITIONS, post_booking
from tests.support.eligibility import Env, System, campaign, start_eligibility, today
from tests.support.people import personnummer


async def test_booking_recovers_when_eligibility_returns(env: Env) -> None:
    async for api in running_api(env.booking):
        first, second, third = await api.new_slots(
            3, time_type="covid19-dose1", start=today() + timedelta(days=6), length_min=10, gap_min=15
        )
        people = [await api.resident(personnummer(year=1933)) for _ in range(3)]
        async for app, client in start_eligibility(env.eligibility):
            await System(api, app, client).put_campaign(campaign())
            assert (await post_booking(api, people[0][1], first, conditions=COVID1_CONDITIONS)).status_code == 201
        down = await post_booking(api, people[1][1], second, conditions=COVID1_CONDITIONS)
        assert (down.status_code, down.json()["code"]) == (503, "ELIGIBILITY_UNAVAILABLE")
        async for _app, _client in start_eligibility(env.eligibility):
            again = await post_booking(api, people[2][1], third, conditions=COVID1_CONDITIONS)
            assert again.status_code == 201, again.text
