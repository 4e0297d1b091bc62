"""Fixtures of the booking tests (their helpers: tests/support/booking.py)."""

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.support import booking as support
from tests.support.booking import BookingEnv, EligibilityApi, FakeEligibility, running_api

# The notifications end-to-end tests share these two, so they live with the helpers.
booking_env = support.booking_env
api = support.api


@pytest_asyncio.fixture
async def eligibility_api(booking_env: BookingEnv) -> AsyncIterator[EligibilityApi]:
    """The booking app with an eligibility service that answers what the test sets."""
    fake = FakeEligibility()
    async for value in running_api(booking_env, eligibility=fake):
        yield EligibilityApi(value, fake)
