"""Lists the same way in every service.

- The answer is `{"items": [...], "next": cursor | null}`; `next` is null on the last page (and
  always, for the short lists that are never cut: clinics, time types, closures in force).
- `cursor` is opaque (a keyset position: the sort time and the row's key), `limit` caps a page.
- `from` and `to` bound a list in time: ISO 8601, with an offset or without one (then read as
  Europe/Stockholm local time); a date alone is midnight. At most 92 days apart.
- Times in answers are ISO 8601 in Europe/Stockholm with the offset.

A cursor or window that is not valid is refused as `INVALID_CURSOR` / `INVALID_TIME_RANGE` (the
OpenAPI document names them on every operation with those parameters: shared/web/openapi.py).
"""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Annotated, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from fastapi import Query
from pydantic_core import PydanticCustomError

from shared.bounds import Moment, checked_time
from shared.errors import CommonCode, Refused
from shared.text import has_forbidden_characters

STOCKHOLM = ZoneInfo("Europe/Stockholm")
K = TypeVar("K")
R = TypeVar("R")
MAX_WINDOW = timedelta(days=92)
_MAX_KEY = 200  # the longest key a list sorts by (an id: a UUID's text, a time's id)

CursorQuery = Annotated[
    str | None, Query(max_length=1024, description="The `next` of the previous page; omit for the first page.")
]
FromQuery = Annotated[
    Moment | None,
    Query(alias="from", description="ISO 8601; without an offset, Europe/Stockholm local time."),
]
ToQuery = Annotated[
    Moment | None,
    Query(alias="to", description="ISO 8601, after `from` and at most 92 days from it; without an offset, Stockholm."),
]


class Cursor(NamedTuple):
    at: datetime
    key: str


def encode_cursor(at: datetime, key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([at.isoformat(), key]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Cursor | None:
    """The position a `next` encoded (None for the first page); anything else is INVALID_CURSOR."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, key = json.loads(base64.urlsafe_b64decode(padded))
        position = Cursor(checked_time(aware(datetime.fromisoformat(at))), key)
    except (ValueError, TypeError, binascii.Error, PydanticCustomError):
        raise Refused(CommonCode.INVALID_CURSOR) from None
    # Anyone can write a cursor: the key reaches the database only as a key we could have encoded
    # (a NUL or a lone surrogate inside the base64 would otherwise fail there, as a 500).
    if not isinstance(position.key, str) or len(position.key) > _MAX_KEY or has_forbidden_characters(position.key):
        raise Refused(CommonCode.INVALID_CURSOR)
    return position


def aware(value: datetime) -> datetime:
    """A time without an offset is read as Stockholm local time."""
    return value if value.tzinfo else value.replace(tzinfo=STOCKHOLM)


def window(
    now: datetime, start_from: datetime | None, start_to: datetime | None, *, days: int = 31
) -> tuple[datetime, datetime]:
    """From `from` (default `now`) to `to` (default `days` later); INVALID_TIME_RANGE when `to` is
    not after `from` or the window is longer than 92 days."""
    low = aware(start_from) if start_from else now
    high = aware(start_to) if start_to else low + timedelta(days=days)
    check_window(low, high)
    return low, high


def optional_window(start_from: datetime | None, start_to: datetime | None) -> tuple[datetime | None, datetime | None]:
    """`from`/`to` for a list that may be left unbounded at either end (checked when both are given)."""
    low, high = (aware(start_from) if start_from else None), (aware(start_to) if start_to else None)
    if low is not None and high is not None:
        check_window(low, high)
    return low, high


def check_window(low: datetime, high: datetime) -> None:
    if high <= low or high - low > MAX_WINDOW:
        raise Refused(CommonCode.INVALID_TIME_RANGE)


def next_cursor(shown_last: tuple[datetime, str] | None, more: bool) -> str | None:
    """The `next` of a page: the last row's position when rows were left out, else null."""
    return encode_cursor(*shown_last) if more and shown_last is not None else None


def decode_position(cursor: str | None, key: Callable[[str], K]) -> tuple[datetime, K] | None:
    """A cursor as a keyset position whose key `key` reads (e.g. `uuid.UUID`); a key it refuses is
    INVALID_CURSOR too (a cursor from another list)."""
    decoded = decode_cursor(cursor)
    if decoded is None:
        return None
    try:
        return decoded.at, key(decoded.key)
    except (ValueError, TypeError):
        raise Refused(CommonCode.INVALID_CURSOR) from None


def page(rows: Sequence[R], limit: int, position: Callable[[R], tuple[datetime, object]]) -> tuple[list[R], str | None]:
    """One page of `rows` (fetched with `limit + 1`: the extra row says there is a next page) and
    its `next`: the last shown row's `position`."""
    shown = list(rows[:limit])
    if len(rows) <= limit or not shown:
        return shown, None
    at, key = position(shown[-1])
    return shown, encode_cursor(at, str(key))
