"""Per-identity rate limits on booking attempts (429 with Retry-After).

In memory, per process: a token bucket per identity costs no database round trip on the hot
path, which matters most during a rush. With N replicas an identity gets at most N× the rate
(unless the load balancer is sticky on the token); that is acceptable because this is a brake
on bots, not a guarantee: the per-person limits that matter (live bookings per time type,
one invitation one booking) are enforced in the database under the person lock.
"""

import math
import time
from collections import OrderedDict

from services.booking.domain.errors import BookingCode, BookingError


class RateLimiter:
    def __init__(self, *, per_minute: float = 30, burst: int = 10, max_identities: int = 200_000) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._max = max_identities
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def check(self, identity: str, now: float | None = None) -> None:
        """Take one attempt from `identity`'s bucket, or raise TOO_MANY_REQUESTS."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.pop(identity, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        if tokens < 1:
            self._buckets[identity] = (tokens, now)
            wait = math.ceil((1 - tokens) / self._rate)
            raise BookingError(
                BookingCode.TOO_MANY_REQUESTS, headers={"Retry-After": str(wait)}, extra={"retry_after_s": wait}
            )
        self._buckets[identity] = (tokens - 1, now)
        if len(self._buckets) > self._max:
            self._buckets.popitem(last=False)  # the identity seen longest ago
