from enum import StrEnum


class HoldProblem400Code(StrEnum):
    MALFORMED_JSON = "MALFORMED_JSON"

    def __str__(self) -> str:
        return str(self.value)
