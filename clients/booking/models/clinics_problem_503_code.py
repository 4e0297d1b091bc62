from enum import StrEnum


class ClinicsProblem503Code(StrEnum):
    SERVICE_BUSY = "SERVICE_BUSY"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"

    def __str__(self) -> str:
        return str(self.value)
