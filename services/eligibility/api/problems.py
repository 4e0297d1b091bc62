"""Eligibility's refusals as problem+json with a stable code."""

from typing import Any

from shared.problems import Problem


def not_found(code: str, en: str, sv: str) -> Problem:
    return Problem(404, code, en, sv)


def campaign_not_found() -> Problem:
    return not_found("CAMPAIGN_DOES_NOT_EXIST", "There is no such campaign.", "Det finns ingen sådan kampanj.")


def invalid_import(errors: list[dict[str, Any]], rows: int) -> Problem:
    return Problem(
        422,
        "IMPORT_REJECTED",
        "The file has bad rows; nothing was imported. See `errors` (line numbers as in the file).",
        "Filen har felaktiga rader; ingenting importerades. Se `errors` (radnummer som i filen).",
        extra={"errors": errors, "rows_read": rows, "imported": 0},
    )


def bad_request(code: str, en: str, sv: str) -> Problem:
    return Problem(422, code, en, sv)
