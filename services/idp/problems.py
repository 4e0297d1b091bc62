"""RFC 9457 problem+json for every error the IdP answers, never echoing what was sent."""

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from shared.problems import Problem

INVALID_PERSONNUMMER = "INVALID_PERSONNUMMER"
INVALID_HSA_ID = "INVALID_HSA_ID"
INVALID_ROLE = "INVALID_ROLE"
INVALID_REQUEST = "INVALID_REQUEST"

# code -> (English, Swedish)
MESSAGES: dict[str, tuple[str, str]] = {
    INVALID_PERSONNUMMER: (
        "The personnummer or samordningsnummer is not valid (check the date and the last digit).",
        "Personnumret eller samordningsnumret är inte giltigt (kontrollera datum och sista siffran).",
    ),
    INVALID_HSA_ID: (
        "An HSA-id must look like SE2321000115-E123.",
        "Ett HSA-id ska se ut som SE2321000115-E123.",
    ),
    INVALID_ROLE: (
        "Staff need one or more roles out of booking_staff, clinic_staff, regional_admin and operations.",
        "Personal behöver en eller flera roller av booking_staff, clinic_staff, regional_admin och operations.",
    ),
    INVALID_REQUEST: (
        "Send a JSON object with either personnummer or hsa_id (and roles); expires_in must be 1 to 86400 seconds.",
        "Skicka ett JSON-objekt med antingen personnummer eller hsa_id (och roles); "
        "expires_in ska vara 1 till 86400 sekunder.",
    ),
    "NOT_FOUND": ("No such page or endpoint.", "Sidan eller adressen finns inte."),
    "METHOD_NOT_ALLOWED": ("That method is not allowed here.", "Metoden är inte tillåten här."),
}

_CODE_BY_FIELD = {
    "personnummer": INVALID_PERSONNUMMER,
    "hsa_id": INVALID_HSA_ID,
    "clinics": INVALID_HSA_ID,
    "roles": INVALID_ROLE,
}
_KNOWN_FIELDS = frozenset({*_CODE_BY_FIELD, "name", "given_name", "family_name", "audience", "expires_in"})


class ProblemResponse(JSONResponse):
    media_type = "application/problem+json"


def problem(
    status: int, code: str, *, field: str | None = None, headers: Mapping[str, str] | None = None
) -> ProblemResponse:
    english, swedish = MESSAGES.get(code, (HTTPStatus(status).phrase, HTTPStatus(status).phrase))
    # The same shape as every other service's problems (shared.problems).
    body = Problem(status, code, english, swedish, extra={"field": field} if field is not None else None).body()
    return ProblemResponse(body, status_code=status, headers=headers)


def validation_problem(errors: Sequence[Any]) -> ProblemResponse:
    """The first error decides the code; its location names the field, its input is never shown."""
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        return problem(400, INVALID_REQUEST)
    # Only our own field names: a location may also hold a key the client made up.
    field = next((part for part in first.get("loc", ()) if part in _KNOWN_FIELDS), None)
    return problem(422, _CODE_BY_FIELD.get(field or "", INVALID_REQUEST), field=field)


def install_problem_handlers(app: FastAPI) -> None:
    async def on_validation_error(_: Request, exc: Exception) -> ProblemResponse:
        assert isinstance(exc, RequestValidationError)
        return validation_problem(exc.errors())

    async def on_http_error(_: Request, exc: Exception) -> ProblemResponse:
        assert isinstance(exc, HTTPException)
        return problem(exc.status_code, HTTPStatus(exc.status_code).name, headers=exc.headers)

    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
