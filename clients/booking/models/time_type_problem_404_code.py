from enum import StrEnum


class TimeTypeProblem404Code(StrEnum):
    TIME_TYPE_DOES_NOT_EXIST = "TIME_TYPE_DOES_NOT_EXIST"

    def __str__(self) -> str:
        return str(self.value)
