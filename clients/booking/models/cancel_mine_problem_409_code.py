from enum import StrEnum


class CancelMineProblem409Code(StrEnum):
    APPOINTMENT_IS_ALREADY_CANCELED = "APPOINTMENT_IS_ALREADY_CANCELED"

    def __str__(self) -> str:
        return str(self.value)
