"""Swedish personal identity numbers: validation, normal form and masking.

Validation (Luhn, date, samordningsnummer) is the `personnummer` package's; this module only
fixes one normal form (12 digits, no separator) and how a number is shown in ops views.
"""

import re
from datetime import date

from personnummer import personnummer as _pnr


class InvalidPersonnummer(ValueError):
    """Deliberately carries no copy of the offending value (it may be personal data)."""

    def __init__(self) -> None:
        super().__init__("invalid personnummer or samordningsnummer")


def normalize(value: str) -> str:
    """The 12-digit form YYYYMMDDNNNN; raises `InvalidPersonnummer`.

    Only ASCII digits count: Python reads Arabic-Indic or full-width digits as numbers too, and
    such a spelling would otherwise pass as a second, different subject (past the person lock,
    the per-person limits and the overlap check)."""
    if not value.isascii():
        raise InvalidPersonnummer()
    try:
        parsed = _pnr.parse(value.strip())
    except (_pnr.PersonnummerException, ValueError, TypeError):
        raise InvalidPersonnummer() from None
    return str(parsed.format(True))


def is_valid(value: str) -> bool:
    try:
        normalize(value)
    except InvalidPersonnummer:
        return False
    return True


def birth_date(value: str) -> date:
    """Date of birth (for a samordningsnummer the day has 60 added; that is taken off)."""
    parsed = _pnr.parse(value)
    result = parsed.get_date()
    return date(result.year, result.month, result.day)


def is_coordination_number(value: str) -> bool:
    return bool(_pnr.parse(value).is_coordination_number())


def mask(value: str) -> str:
    """What ops views show: birth date kept, the last four digits hidden (``19121212-****``)."""
    try:
        normal = normalize(value)
    except InvalidPersonnummer:
        return "********-****"
    return f"{normal[:8]}-****"


# 10 or 12 digits with an optional -/+ before the last four: what a personnummer looks like in text.
_PNR_LIKE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+]?\d{4}(?!\d)")


def mask_in_text(text: str) -> str:
    """Every personnummer in a free text (an error, a log line) masked; digits that only look like
    one (an invalid date or check digit: a timestamp, part of an id) are left alone."""
    if not any(c.isdigit() for c in text):
        return text
    return _PNR_LIKE.sub(lambda m: _masked_if_valid(m.group(0)), text)


def _masked_if_valid(value: str) -> str:
    try:
        return f"{normalize(value)[:8]}-****"
    except InvalidPersonnummer:
        return value
