from enum import StrEnum


class CancelMineProblem422Code(StrEnum):
    CANCEL_IS_NOT_ALLOWED = "CANCEL_IS_NOT_ALLOWED"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_REQUEST = "INVALID_REQUEST"
    REASON_REQUIRED = "REASON_REQUIRED"
    TOO_LATE_TO_CANCEL_APPOINTMENT = "TOO_LATE_TO_CANCEL_APPOINTMENT"

    def __str__(self) -> str:
        return str(self.value)
