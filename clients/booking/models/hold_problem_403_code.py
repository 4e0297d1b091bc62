from enum import StrEnum


class HoldProblem403Code(StrEnum):
    APPOINTMENT_IS_NOT_ALLOWED = "APPOINTMENT_IS_NOT_ALLOWED"
    FORBIDDEN = "FORBIDDEN"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    WEB_BOOKING_CLOSED = "WEB_BOOKING_CLOSED"

    def __str__(self) -> str:
        return str(self.value)
