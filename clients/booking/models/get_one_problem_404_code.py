from enum import StrEnum


class GetOneProblem404Code(StrEnum):
    APPOINTMENT_DOES_NOT_EXIST = "APPOINTMENT_DOES_NOT_EXIST"

    def __str__(self) -> str:
        return str(self.value)
