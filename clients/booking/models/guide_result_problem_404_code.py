from enum import StrEnum


class GuideResultProblem404Code(StrEnum):
    GUIDE_NEED_DOES_NOT_EXIST = "GUIDE_NEED_DOES_NOT_EXIST"

    def __str__(self) -> str:
        return str(self.value)
