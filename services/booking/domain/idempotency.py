"""A request repeated with its Idempotency-Key is answered what the first one was answered."""

from dataclasses import dataclass
from typing import Any

from services.booking.domain.errors import BookingCode, BookingError


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    request_hash: str
    status_code: int
    response: dict[str, Any]

    def replay(self, fingerprint: str) -> tuple[int, dict[str, Any]]:
        """The first answer, if the request is the same one; the same key on another request is refused."""
        if self.request_hash != fingerprint:
            raise BookingError(BookingCode.IDEMPOTENCY_KEY_REUSED)
        return self.status_code, dict(self.response)
