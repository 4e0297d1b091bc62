from enum import StrEnum


class SearchProblem422Code(StrEnum):
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    INVALID_REQUEST = "INVALID_REQUEST"
    INVALID_TIME_RANGE = "INVALID_TIME_RANGE"

    def __str__(self) -> str:
        return str(self.value)
