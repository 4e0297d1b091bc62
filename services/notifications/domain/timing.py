"""Quiet hours and reminder times in local (Europe/Stockholm) time, correct across DST.

Reminder offsets are wall-clock: "48 hours before" a Monday 09:00 visit is Saturday 09:00
local time, also on the weekend the clocks change (then it is 47 or 49 real hours).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def wall_clock_before(start: datetime, hours: int, tz: ZoneInfo) -> datetime:
    """The instant whose local clock reads `hours` before the local start time."""
    local = start.astimezone(tz).replace(tzinfo=None) - timedelta(hours=hours)
    # A wall time inside the spring-forward gap resolves to the instant an hour later (fold=0).
    return local.replace(tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class QuietHours:
    """No SMS from `start` to `end` local time (the window may wrap midnight, 21:00–08:00)."""

    start: time
    end: time
    tz: ZoneInfo

    @classmethod
    def parse(cls, start: str, end: str, tz: str) -> "QuietHours":
        return cls(time.fromisoformat(start), time.fromisoformat(end), ZoneInfo(tz))

    def contains(self, at: datetime) -> bool:
        t = at.astimezone(self.tz).time()
        if self.start > self.end:
            return t >= self.start or t < self.end
        return self.start <= t < self.end

    def next_allowed(self, at: datetime) -> datetime:
        """`at` itself outside quiet hours, otherwise the local `end` time that closes them."""
        if not self.contains(at):
            return at
        local = at.astimezone(self.tz)
        day = local.date()
        if self.start > self.end and local.time() >= self.start:
            day += timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=self.tz).astimezone(UTC)

    def last_allowed_before(self, at: datetime) -> datetime:
        """`at` itself outside quiet hours, otherwise just before the quiet hours began."""
        if not self.contains(at):
            return at
        local = at.astimezone(self.tz)
        day = local.date()
        if self.start > self.end and local.time() < self.end:
            day -= timedelta(days=1)
        began = datetime.combine(day, self.start, tzinfo=self.tz).astimezone(UTC)
        return began - timedelta(minutes=1)
