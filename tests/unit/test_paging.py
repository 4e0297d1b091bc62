"""Cursors and windows the same everywhere (shared/web/paging.py): what the API gave comes back as
the same position; anything else, including a hand-made cursor at year 9999, is INVALID_CURSOR."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.errors import CommonCode, Refused
from shared.web.paging import (
    MAX_WINDOW,
    STOCKHOLM,
    decode_cursor,
    decode_position,
    encode_cursor,
    next_cursor,
    page,
    window,
)


def test_a_cursor_comes_back_as_the_position_it_was_given_for() -> None:
    at = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    cursor = encode_cursor(at, "VAS-TS-" + "x" * 120)
    assert len(cursor) <= 1024
    decoded = decode_cursor(cursor)
    assert decoded is not None and decoded.at == at and decoded.key.endswith("x" * 120)
    assert decode_cursor(None) is None and decode_cursor("") is None
    assert next_cursor((at, "k"), more=False) is None and next_cursor(None, more=True) is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        encode_cursor(datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "k"),
        encode_cursor(datetime(1, 1, 1, tzinfo=UTC), "k"),
        "WyJub3QtYS10aW1lIiwgImsiXQ",  # ["not-a-time", "k"]
        "eyJhIjogMX0",  # {"a": 1}
        # Anyone can write a cursor: a key the database cannot take (a NUL, a lone surrogate), a
        # key that is not text, or longer than any key a list sorts by.
        "WyIyMDI2LTEyLTA3VDAwOjAwOjAwKzAwOjAwIiwgImFcdTAwMDBiIl0",  # [time, "a\u0000b"]
        encode_cursor(datetime(2026, 12, 7, tzinfo=UTC), "a\ud800b"),
        "WyIyMDI2LTEyLTA3VDAwOjAwOjAwKzAwOjAwIiwgWzFdXQ",  # [time, [1]]
        encode_cursor(datetime(2026, 12, 7, tzinfo=UTC), "k" * 201),
    ],
)
def test_anything_else_is_invalid_cursor(cursor: str) -> None:
    with pytest.raises(Refused) as refused:
        decode_cursor(cursor)
    assert refused.value.error == CommonCode.INVALID_CURSOR


def test_windows_default_and_refuse_alike() -> None:
    now = datetime(2027, 3, 1, 12, tzinfo=UTC)
    assert window(now, None, None) == (now, now + timedelta(days=31))
    naive = datetime(2027, 3, 2, 8, 0)
    low, _ = window(now, naive, None)
    assert low == naive.replace(tzinfo=STOCKHOLM), "no offset: Stockholm time"
    for start, end in [(now, now), (now, now - timedelta(hours=1)), (now, now + MAX_WINDOW + timedelta(seconds=1))]:
        with pytest.raises(Refused) as refused:
            window(now, start, end)
        assert refused.value.error == CommonCode.INVALID_TIME_RANGE


def test_a_page_and_its_next_from_rows_fetched_with_one_more() -> None:
    at = datetime(2027, 3, 1, 9, tzinfo=UTC)
    rows = [(at + timedelta(minutes=i), i) for i in range(3)]
    shown, following = page(rows, 2, lambda r: (r[0], r[1]))
    assert shown == rows[:2]
    assert decode_position(following, int) == (rows[1][0], 1)
    assert page(rows[:2], 2, lambda r: (r[0], r[1])) == (rows[:2], None), "no extra row: the last page"
    assert page([], 2, lambda r: (at, 0)) == ([], None)


def test_a_key_the_list_cannot_read_is_invalid_cursor() -> None:
    from_another_list = encode_cursor(datetime(2027, 3, 1, tzinfo=UTC), "VAS-TS-1")
    with pytest.raises(Refused) as refused:
        decode_position(from_another_list, uuid.UUID)
    assert refused.value.error == CommonCode.INVALID_CURSOR
