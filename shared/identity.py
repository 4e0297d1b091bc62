"""Swedish personal identity numbers: validation, normal form and masking.

Validation (Luhn, date, samordningsnummer) is the `personnummer` package's; this module only
fixes one normal form (12 digits, no separator) and how a number is shown in ops views.
"""

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
