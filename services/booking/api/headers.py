"""HTTP headers of the booking routes: Idempotency-Key, `Prefer: wait=N`, and a request's fingerprint."""

import hashlib
import re

from pydantic import BaseModel

from services.booking.domain.errors import BookingCode, BookingError

_PREFER_WAIT = re.compile(r"(?:^|[,;\s])wait=(\d+(?:\.\d+)?)", re.IGNORECASE)


IDEMPOTENCY_KEY = (
    "Required: a new UUID per booking. Sent again with the same body, the first answer is given again "
    "and nothing is booked twice; with another body, 422 IDEMPOTENCY_KEY_REUSED."
)
PREFER = "`wait=N` (RFC 7240): wait up to N seconds (at most the service's limit) for VAS's answer."


def request_hash(endpoint: str, body: BaseModel) -> str:
    return hashlib.sha256(f"{endpoint}|{body.model_dump_json()}".encode()).hexdigest()


def require_key(key: str | None) -> str:
    if not key or not key.strip() or len(key) > 200:
        raise BookingError(BookingCode.IDEMPOTENCY_KEY_REQUIRED)
    return key.strip()


def prefer_wait(prefer: str | None, max_wait_s: float) -> float | None:
    match = _PREFER_WAIT.search(prefer or "")
    return min(float(match.group(1)), max_wait_s) if match else None
