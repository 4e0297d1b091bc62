"""Per-identity rate limit on booking attempts: 429 TOO_MANY_REQUESTS with Retry-After."""

import pytest

from services.booking.domain.errors import BookingError
from services.booking.domain.rate_limit import RateLimiter
from tests.support.booking import Api


async def test_too_many_attempts_answer_429_with_retry_after(api: Api) -> None:
    _, me = await api.resident()
    burst = api.env.settings.attempts_burst
    answers = [await api.http.post("/v1/slots/no-such-slot/hold", headers=me) for _ in range(burst + 1)]
    assert [a.status_code for a in answers[:burst]] == [404] * burst
    limited = answers[-1]
    assert limited.status_code == 429
    assert limited.json()["code"] == "TOO_MANY_REQUESTS"
    assert int(limited.headers["Retry-After"]) >= 1
    # Someone else is not slowed down by it.
    _, other = await api.resident()
    assert (await api.http.post("/v1/slots/no-such-slot/hold", headers=other)).status_code == 404


def test_the_bucket_refills_with_time() -> None:
    limiter = RateLimiter(per_minute=60, burst=2)
    limiter.check("a", now=0)
    limiter.check("a", now=0)
    with pytest.raises(BookingError) as refused:
        limiter.check("a", now=0.5)
    assert refused.value.headers["Retry-After"] == "1"
    limiter.check("a", now=1.6)
