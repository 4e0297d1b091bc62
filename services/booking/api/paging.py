"""Opaque keyset cursors for list endpoints (`{"items": [...], "next": cursor | null}`)."""

import base64
import json
from datetime import datetime

from services.booking.domain.errors import BookingCode, BookingError


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
