"""Times in answers: ISO 8601 in Europe/Stockholm with the offset (`shared/web/paging.py`).

A list renders two times per item, and converting to a zone and formatting costs a few
microseconds each, more than the rest of the item; the same instants come back page after page
(every resident in a rush sees the same times), so the text of an instant given in UTC, as the
database driver gives them, is kept. Instants in another zone are converted each time: within
one zone, two readings of a repeated hour compare equal, and a cache keyed by them would mix them.
"""

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm_iso(value: datetime) -> str:
    """`value` (aware) as Stockholm local time with its offset, e.g. `2027-03-28T03:30:00+02:00`."""
    if value.tzinfo is UTC:
        return _from_utc(value)
    return value.astimezone(STOCKHOLM).isoformat()


@lru_cache(maxsize=16384)
def _from_utc(value: datetime) -> str:
    return value.astimezone(STOCKHOLM).isoformat()
