from enum import StrEnum


class Problem408Code(StrEnum):
    REQUEST_TIMEOUT = "REQUEST_TIMEOUT"

    def __str__(self) -> str:
        return str(self.value)
