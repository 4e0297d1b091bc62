from enum import StrEnum


class ClinicProblem422Code(StrEnum):
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_REQUEST = "INVALID_REQUEST"

    def __str__(self) -> str:
        return str(self.value)
