from enum import StrEnum


class RescheduleTargetsProblem422Code(StrEnum):
    CANCEL_IS_NOT_ALLOWED = "CANCEL_IS_NOT_ALLOWED"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_REQUEST = "INVALID_REQUEST"
    INVALID_TIME_RANGE = "INVALID_TIME_RANGE"
    TOO_LATE_TO_UPDATE_APPOINTMENT = "TOO_LATE_TO_UPDATE_APPOINTMENT"

    def __str__(self) -> str:
        return str(self.value)
