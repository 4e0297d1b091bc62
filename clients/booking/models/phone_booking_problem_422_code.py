from enum import StrEnum


class PhoneBookingProblem422Code(StrEnum):
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_PERSONNUMMER = "INVALID_PERSONNUMMER"
    INVALID_REQUEST = "INVALID_REQUEST"
    REASON_REQUIRED = "REASON_REQUIRED"

    def __str__(self) -> str:
        return str(self.value)
