from enum import StrEnum


class HoldProblem422Code(StrEnum):
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_REQUEST = "INVALID_REQUEST"
    TOO_LATE_TO_MAKE_APPOINTMENT = "TOO_LATE_TO_MAKE_APPOINTMENT"

    def __str__(self) -> str:
        return str(self.value)
