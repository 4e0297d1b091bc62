"""The failure headers a message carries through retries and parking (`x-attempt`,
`x-first-failure-at`, ...), read defensively: a publisher can send any value under any name, and
one bad value must neither stop a consumer from parking the message nor break the operations
views of a whole parking queue — nor show what it holds (a personnummer in a "timestamp")."""

import re
from datetime import datetime
from typing import Any

MAX_ATTEMPT = 1_000_000


def attempt_of(headers: dict[str, Any]) -> int:
    """`x-attempt` as a count; 0 for anything that is not a small non-negative whole number."""
    value = headers.get("x-attempt", 0)
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ATTEMPT else 0
    if isinstance(value, str | bytes) and value.isdigit() and len(value) <= 7:
        return int(value)
    return 0


# As the consumer writes them (`datetime.isoformat()` of an aware time): Python reads far more as
# ISO 8601 — "19121212-1212" is 12:12 on 12 December 1912, a personnummer shown back as a time.
_WRITTEN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}:\d{2}|Z)")


def time_of(value: Any) -> str | None:
    """A failure time (ISO 8601, as the consumer writes it), or None for anything else."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str) or not _WRITTEN.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None
