"""Lists the same way everywhere: `{"items": [...], "next": cursor | null}` with opaque keyset
cursors, and time windows from `from` to `to` (ISO 8601; without an offset, Stockholm time)."""

import base64
import json
from datetime import datetime, timedelta
from typing import Any

from services.booking.api import views
from services.booking.domain.catalogue import FreeTime
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.state import BookingApp


def encode_cursor(at: datetime, key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([at.isoformat(), key]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, key = json.loads(base64.urlsafe_b64decode(padded))
        return datetime.fromisoformat(at), str(key)
    except (ValueError, TypeError):
        raise BookingError(BookingCode.INVALID_CURSOR) from None


def window(app: BookingApp, start_from: datetime | None, start_to: datetime | None) -> tuple[datetime, datetime]:
    """From now (or `from`) to 31 days later (or `to`); a time without offset is Stockholm time."""
    low = _aware(start_from) if start_from else app.clock.now()
    return low, _aware(start_to) if start_to else low + timedelta(days=31)


def page(rows: list[FreeTime], limit: int) -> dict[str, Any]:
    """One page of times (`rows` holds one more than `limit` when there is a next page)."""
    shown = rows[:limit]
    next_cursor = encode_cursor(shown[-1].start_at, shown[-1].id) if len(rows) > limit else None
    return {"items": [views.slot(r) for r in shown], "next": next_cursor}


def _aware(value: datetime) -> datetime:
    """A time without offset is read as Stockholm local time."""
    return value if value.tzinfo else value.replace(tzinfo=views.STOCKHOLM)
