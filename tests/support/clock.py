"""A clock that stands still until the test moves it (services read time through `shared.clock`)."""

from datetime import UTC, datetime


class FakeClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at.astimezone(UTC)
