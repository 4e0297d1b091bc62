"""Failed (parked) messages grouped by cause: message type, consumer and error, the error with its
particulars (ids, numbers, times) taken out so that the same fault groups as one. Everything a
view shows has personnummer masked."""

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from shared.identity import mask_in_text
from shared.messaging.parking import ParkedMessage

_PNR_LIKE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+]?\d{4}(?!\d)")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_NUMBER = re.compile(r"\d+(?:[.:]\d+)*")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def masked(text: str) -> str:
    return mask_in_text(text)


def cause(error: str) -> str:
    """The error without what differs between messages of the same fault."""
    text = " ".join(error.split())[:400]
    text = _UUID.sub("<id>", text)
    text = _QUOTED.sub("<…>", text)
    return _NUMBER.sub("<n>", text)


@dataclass(frozen=True)
class Failed:
    """One parked message as the console keeps it: where it is, and what failed."""

    queue: str  # the consumer queue it came from (its parking queue is `queue + ".parking"`)
    message: ParkedMessage

    @property
    def group(self) -> str:
        return group_key(self.message.message_type or "?", self.queue, cause(self.message.error or self.message.reason))


def group_key(message_type: str, queue: str, error_cause: str) -> str:
    """A short stable id for a group (safe in a URL: no personnummer can be in it)."""
    return hashlib.sha256(f"{message_type}\n{queue}\n{error_cause}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class FailedGroup:
    key: str
    message_type: str
    queue: str
    cause: str
    count: int
    first_seen: str | None
    last_seen: str | None
    message_ids: list[str]

    def view(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "message_type": masked(self.message_type),
            "consumer": self.queue,
            "error": masked(self.cause),
            "count": self.count,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


def grouped(failed: list[Failed]) -> list[FailedGroup]:
    groups: dict[str, list[Failed]] = {}
    for f in failed:
        groups.setdefault(f.group, []).append(f)
    out = []
    for key, members in groups.items():
        seen = sorted(t for f in members for t in (f.message.parked_at or f.message.last_failure_at,) if t)
        first = members[0]
        out.append(
            FailedGroup(
                key=key,
                message_type=first.message.message_type or "?",
                queue=first.queue,
                cause=cause(first.message.error or first.message.reason),
                count=len(members),
                first_seen=seen[0] if seen else None,
                last_seen=seen[-1] if seen else None,
                message_ids=[f.message.message_id for f in members],
            )
        )
    return sorted(out, key=lambda g: (-g.count, g.queue, g.message_type))


def message_view(f: Failed) -> dict[str, Any]:
    """One message opened: headers, error, attempts and the body, with personnummer masked."""
    m = f.message
    return {
        "message_id": m.message_id,
        "message_type": masked(m.message_type or ""),
        "consumer": f.queue,
        "group": f.group,
        "reason": masked(m.reason),
        "error": masked(m.error),
        "headers": {masked(k): masked(str(v)) for k, v in sorted(m.headers.items()) if k != "x-death"},
        "attempts": m.attempts,
        "first_failure_at": m.first_failure_at,
        "last_failure_at": m.last_failure_at,
        "parked_at": m.parked_at,
        "body": masked_body(m.body),
    }


# A body shown as JSON: up to this size and nesting (an envelope is a few KB, four levels deep);
# anything bigger or deeper is shown as its first 4,000 characters of text, masked the same way.
MAX_JSON_BYTES = 256 * 1024
MAX_JSON_DEPTH = 32


class _TooDeep(Exception):
    pass


def masked_body(body: bytes) -> Any:
    """The body as JSON with every personnummer-like value masked (text when not JSON, or when too
    large or too deeply nested to show as JSON: one parked message must not break the page)."""
    as_text = masked(body[: 4 * 4000].decode("utf-8", "replace"))[:4000]
    if len(body) > MAX_JSON_BYTES:
        return as_text
    try:
        return masked_json(json.loads(body))
    except (ValueError, UnicodeDecodeError, RecursionError, _TooDeep):
        return as_text


def masked_json(value: Any, depth: int = 0) -> Any:
    """Any JSON value with every personnummer in it (keys too) masked."""
    if depth > MAX_JSON_DEPTH:
        raise _TooDeep
    if isinstance(value, dict):
        return {masked(str(k)): masked_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [masked_json(v, depth + 1) for v in value]
    if isinstance(value, str):
        return masked(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return masked(str(value)) if _PNR_LIKE.fullmatch(str(value)) else value
    return value
