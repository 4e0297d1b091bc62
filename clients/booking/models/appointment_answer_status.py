from enum import StrEnum


class AppointmentAnswerStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    PENDING = "pending"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
