"""Failure headers come from whoever published the message: read defensively (shared.messaging)."""

from types import SimpleNamespace
from typing import Any

import pytest

from shared.messaging.failure_headers import attempt_of, time_of
from shared.messaging.identities import SENDER_HEADER
from shared.messaging.parking import _fresh_copy


@pytest.mark.parametrize(
    ("value", "count"), [(3, 3), ("4", 4), ("1.5", 0), ("oops", 0), (-1, 0), (True, 0), (10**12, 0), (None, 0)]
)
def test_an_attempt_count_that_is_not_one_counts_as_none(value: object, count: int) -> None:
    assert attempt_of({"x-attempt": value}) == count


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-12-04T23:19:28.123456+00:00", "2026-12-04T23:19:28.123456+00:00"),
        ("19121212-1212", None),  # Python's fromisoformat reads it as a time in 1912
        ("pnr 191212121212", None),
        ("2026-12-04", None),
        (12345, None),
    ],
)
def test_a_failure_time_is_shown_only_as_the_consumer_writes_it(value: object, shown: str | None) -> None:
    assert time_of(value) == shown


def _parked(user_id: str, sender: str) -> Any:
    return SimpleNamespace(
        headers={SENDER_HEADER: sender, "x-attempt": 20},
        user_id=user_id,
        body=b"{}",
        message_id="m",
        type="thing.happened",
        correlation_id=None,
        content_type=None,
    )


def test_a_replayed_copy_parked_again_keeps_its_verified_sender_and_no_other_does() -> None:
    replayed_before = _fresh_copy(
        _parked("tidbok-operations", "tidbok-vas_sync"), "tidbok-operations", "tidbok-booking"
    )
    assert replayed_before.headers[SENDER_HEADER] == "tidbok-vas_sync"
    forged = _fresh_copy(_parked("tidbok-eligibility", "tidbok-vas_sync"), "tidbok-operations", "tidbok-booking")
    assert forged.headers[SENDER_HEADER] == "tidbok-eligibility"
