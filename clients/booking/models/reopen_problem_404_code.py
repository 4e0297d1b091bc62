from enum import StrEnum


class ReopenProblem404Code(StrEnum):
    CLOSURE_DOES_NOT_EXIST = "CLOSURE_DOES_NOT_EXIST"

    def __str__(self) -> str:
        return str(self.value)
