from enum import StrEnum


class HoldProblem404Code(StrEnum):
    SLOT_DOES_NOT_EXIST = "SLOT_DOES_NOT_EXIST"

    def __str__(self) -> str:
        return str(self.value)
