from enum import StrEnum


class StaffCancelProblem422Code(StrEnum):
    CANCEL_IS_NOT_ALLOWED = "CANCEL_IS_NOT_ALLOWED"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_REQUEST = "INVALID_REQUEST"
    REASON_REQUIRED = "REASON_REQUIRED"

    def __str__(self) -> str:
        return str(self.value)
