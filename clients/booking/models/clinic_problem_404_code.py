from enum import StrEnum


class ClinicProblem404Code(StrEnum):
    CLINIC_DOES_NOT_EXIST = "CLINIC_DOES_NOT_EXIST"

    def __str__(self) -> str:
        return str(self.value)
