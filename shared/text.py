"""Text from outside: no control characters, anywhere.

NUL makes PostgreSQL refuse the statement (a 500 where a 422 belongs); other control characters,
lone surrogates and bidirectional overrides forge log lines, break CSV exports and disguise text
on a screen. Every request model derives from `shared.request.RequestModel`, which refuses them in every
string it holds; CSV rows and the HTTP edge (path, query) use the same test.
Tab, line feed and carriage return are ordinary text.
"""

import re
from typing import Any

from pydantic_core import PydanticCustomError

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
# A dot between letters or digits ("bit.ly", "vard.nu"): a phone shows it as a link.
_DOMAIN_LIKE = re.compile(r"\w\.\w")
# A name shown to residents in texts (SMS, e-mail): letters, digits, spaces, plain punctuation.
_DISPLAY_NAME = re.compile(r"[^\W_](?:[\w .,:&()'/–-]{0,58}[\w).])?")


def has_forbidden_characters(value: str) -> bool:
    return _FORBIDDEN.search(value) is not None


def display_name(value: object) -> str | None:
    """`value` as a name fit for a text message (at most 60 characters, whitespace collapsed),
    or None when it holds anything else — a link, a phone number, control characters."""
    if not isinstance(value, str):
        return None
    name = " ".join(value.split())
    lowered = name.lower()
    if not _DISPLAY_NAME.fullmatch(name) or "www." in lowered or "http" in lowered or ".se" in lowered:
        return None
    if "/" in name or _DOMAIN_LIKE.search(name):
        return None  # phones make a link of "bit.ly/x" or "vard.nu" too
    return name


def _error() -> PydanticCustomError:
    return PydanticCustomError("invalid_characters", "control characters are not allowed")


def checked_text(value: Any) -> Any:
    """`value` unless it is a string with control characters (a pydantic validation error then)."""
    if isinstance(value, str) and has_forbidden_characters(value):
        raise _error()
    return value
