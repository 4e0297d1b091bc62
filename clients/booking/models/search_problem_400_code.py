from enum import StrEnum


class SearchProblem400Code(StrEnum):
    INVALID_CURSOR = "INVALID_CURSOR"

    def __str__(self) -> str:
        return str(self.value)
