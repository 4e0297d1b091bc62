from enum import StrEnum


class ClinicsProblem422Code(StrEnum):
    INVALID_CHARACTERS = "INVALID_CHARACTERS"

    def __str__(self) -> str:
        return str(self.value)
