"""Refusals as values: each service lists its error codes as an `ErrorCode` enum (HTTP status and
the text in English and Swedish), and raises `Refused` from its domain or use cases; the shared
problem handlers (shared.problems) render every one as RFC 9457 problem+json, once.

Codes are stable API (clients branch on them; the national scheduling contract's result codes are
reused where one fits). A code is an enum member, so a typo fails when the module is imported, not
when the refusal happens.
"""

from enum import Enum
from typing import Any


class ErrorCode(Enum):
    """Base of a service's codes: ``NAME = (status, "English", "Swedish")``."""

    def __init__(self, status: int, en: str, sv: str) -> None:
        self.status = status
        self.en = en
        self.sv = sv

    @property
    def code(self) -> str:
        return self.name


class Refused(Exception):
    """A refusal with a stable code; `extra` adds fields to the problem (never personal data)."""

    def __init__(
        self,
        error: ErrorCode,
        *,
        extra: dict[str, Any] | None = None,
        detail_en: str | None = None,
        detail_sv: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(error.name)
        self.error = error
        self.detail_en = detail_en or error.en
        self.detail_sv = detail_sv or error.sv
        self.extra = extra or {}
        self.headers = headers or {}

    @property
    def code(self) -> str:
        return self.error.name

    @property
    def status(self) -> int:
        return self.error.status
