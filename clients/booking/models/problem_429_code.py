from enum import StrEnum


class Problem429Code(StrEnum):
    TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS"

    def __str__(self) -> str:
        return str(self.value)
