"""Every error code the booking API can answer is shown by an API test in this folder; a code
added to the catalogue without one fails here."""

import re
from pathlib import Path

from services.booking.domain.errors import BookingCode

HERE = Path(__file__).parent
SERVICE = HERE.parents[1] / "services" / "booking"

# In the catalogue, but nothing raises them (yet): listed so that raising one needs a test.
NOT_RAISED: dict[str, str] = {}
# Codes of the shared HTTP layer (problems, auth, body limit), answered by every endpoint.
PLATFORM = {
    "UNAUTHORIZED",
    "FORBIDDEN",
    "MALFORMED_JSON",
    "INVALID_REQUEST",
    "PAYLOAD_TOO_LARGE",
    "NOT_FOUND",
    "METHOD_NOT_ALLOWED",
    "SERVICE_UNAVAILABLE",
    "SERVICE_BUSY",
}


def _api_tests() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py") if p.name != Path(__file__).name)


def _service_code() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in SERVICE.rglob("*.py") if p.name != "errors.py" and "demo" not in p.parts
    )


def test_every_catalogue_code_is_shown_by_an_api_test() -> None:
    tests, service = _api_tests(), _service_code()
    codes = [member.name for member in BookingCode]
    untested = [code for code in codes if code not in NOT_RAISED and f'"{code}"' not in tests]
    assert untested == []
    for code in NOT_RAISED:
        assert f"BookingCode.{code}" not in service, f"{code} is raised now: give it an API test"
    assert [code for code in PLATFORM if f'"{code}"' not in tests] == []


def test_every_code_has_a_status_and_both_languages() -> None:
    for member in BookingCode:
        code, status, english, swedish = member.name, member.status, member.en, member.sv
        assert re.fullmatch(r"[A-Z][A-Z_]+", code), code
        assert 400 <= status < 600, code
        assert english.strip() and swedish.strip() and english != swedish, code
