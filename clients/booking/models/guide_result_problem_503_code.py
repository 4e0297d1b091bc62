from enum import StrEnum


class GuideResultProblem503Code(StrEnum):
    IDENTITY_PROVIDER_UNAVAILABLE = "IDENTITY_PROVIDER_UNAVAILABLE"
    SERVICE_BUSY = "SERVICE_BUSY"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"

    def __str__(self) -> str:
        return str(self.value)
