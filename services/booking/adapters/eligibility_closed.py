"""Eligibility while no eligibility service answers: restricted bookings fail closed."""

from services.booking.domain.eligibility import Decision, EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError


class ClosedEligibility:
    async def decide(self, question: EligibilityQuestion) -> Decision:
        raise BookingError(BookingCode.ELIGIBILITY_UNAVAILABLE, headers={"Retry-After": "30"})
