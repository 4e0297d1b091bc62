from enum import StrEnum


class CreateProblem400Code(StrEnum):
    IDEMPOTENCY_KEY_REQUIRED = "IDEMPOTENCY_KEY_REQUIRED"
    MALFORMED_JSON = "MALFORMED_JSON"

    def __str__(self) -> str:
        return str(self.value)
