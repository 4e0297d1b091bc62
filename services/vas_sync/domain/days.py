"""Which days reconciliation looks at: today and the coming days, in Stockholm."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def upcoming_days(count: int, *, now: datetime | None = None) -> list[date]:
    today = (now or datetime.now(STOCKHOLM)).astimezone(STOCKHOLM).date()
    return [today + timedelta(days=n) for n in range(max(count, 1))]
