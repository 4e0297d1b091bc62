"""RFC 9457 problem+json: errors as values with a stable code, in Swedish and English.

Clients branch on `code` (e.g. on REQUESTED_TIME_IS_ALREADY_RESERVED go back to the
calendar), so codes are stable API. `detail` is English, `detail_sv` Swedish.
"""

from typing import Any

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import CommonCode, ErrorCode, Refused
from shared.logging import get_logger
from shared.web.json_answer import JsonAnswer

log = get_logger(__name__)

PROBLEM_JSON = "application/problem+json"


class Problem(Exception):
    """An error answer. Raise it anywhere below an endpoint."""

    def __init__(
        self,
        status: int,
        code: str,
        detail_en: str,
        detail_sv: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail_en = detail_en
        self.detail_sv = detail_sv
        self.headers = headers or {}
        self.extra = extra or {}

    @classmethod
    def of(
        cls,
        error: ErrorCode,
        *,
        detail_en: str | None = None,
        detail_sv: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> "Problem":
        """The problem for a catalogued code (its status and texts, unless told more precisely)."""
        return cls(
            error.status,
            error.name,
            detail_en or error.en,
            detail_sv or error.sv,
            headers=headers,
            extra=extra,
        )

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"urn:tidbok:problem:{self.code.lower().replace('_', '-')}",
            "title": self.code.replace("_", " ").capitalize(),
            "status": self.status,
            "code": self.code,
            "detail": self.detail_en,
            "detail_sv": self.detail_sv,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


def from_refusal(refusal: Refused) -> Problem:
    return Problem(
        refusal.status,
        refusal.code,
        refusal.detail_en,
        refusal.detail_sv,
        headers=refusal.headers,
        extra=refusal.extra,
    )


def problem_response(problem: Problem, request: Request | None = None) -> JSONResponse:
    return JsonAnswer(
        problem.body(request.url.path if request else None),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_JSON,
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Every error leaves as problem+json; none echoes input values (they may be personal data)."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> JSONResponse:
        return problem_response(from_refusal(exc), request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem_response(Problem.of(CommonCode.MALFORMED_JSON), request)
        fields = [{"field": ".".join(str(p) for p in e.get("loc", ())), "error": e.get("msg", "")} for e in errors]
        if any(e.get("type") == "invalid_characters" for e in errors):
            problem = Problem.of(
                CommonCode.INVALID_CHARACTERS,
                detail_en="The request contains control characters, which are not allowed; see `errors`.",
                detail_sv="Förfrågan innehåller styrtecken, som inte är tillåtna; se `errors`.",
                extra={"errors": fields},
            )
        else:
            problem = Problem.of(CommonCode.INVALID_REQUEST, extra={"errors": fields})
        return problem_response(problem, request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.__cause__ is not None:
            # FastAPI's answer to a body it could not parse other than as bad JSON syntax (bytes
            # that are not UTF-8, nesting or a number too deep or long for the parser).
            return problem_response(Problem.of(CommonCode.MALFORMED_JSON), request)
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE"}.get(
            exc.status_code, "HTTP_ERROR"
        )
        return problem_response(
            Problem(exc.status_code, code, str(exc.detail), str(exc.detail), headers=dict(exc.headers or {})),
            request,
        )

    @app.exception_handler(sqlalchemy.exc.DBAPIError)
    @app.exception_handler(sqlalchemy.exc.TimeoutError)
    @app.exception_handler(OSError)
    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, sqlalchemy.exc.DBAPIError) and not database_unavailable(exc):
            raise exc  # a real fault (e.g. a constraint nobody expected): a 500, not a "try again"
        log.warning("database_unavailable", error=type(exc).__name__, path=request.url.path)
        return problem_response(service_unavailable(), request)


# SQLSTATE classes meaning "the database cannot serve you now": connection exception,
# insufficient resources (e.g. too many connections), operator intervention (shutdown, terminated).
_UNAVAILABLE_SQLSTATE_CLASSES = frozenset({"08", "53", "57"})


def _sqlstate(exc: BaseException) -> str | None:
    seen: BaseException | None = exc
    while seen is not None:
        state = getattr(seen, "sqlstate", None) or getattr(seen, "pgcode", None)
        if isinstance(state, str):
            return state
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return None


def database_unavailable(exc: sqlalchemy.exc.DBAPIError) -> bool:
    """Whether a driver error means the database is out of reach, rather than a bug.

    The asyncpg dialect reports most server refusals as a plain `DBAPIError` (not an
    `OperationalError`): e.g. "database is not currently accepting connections" or "too many
    connections". Any failure while connecting (no statement yet) counts as unavailable."""
    if isinstance(exc, sqlalchemy.exc.OperationalError | sqlalchemy.exc.InterfaceError):
        return True
    if exc.connection_invalidated or exc.statement is None:
        return True
    state = _sqlstate(exc.orig) if exc.orig is not None else None
    return state is not None and state[:2] in _UNAVAILABLE_SQLSTATE_CLASSES


def internal_error() -> Problem:
    return Problem.of(CommonCode.INTERNAL_ERROR)


def service_unavailable(retry_after_s: int = 5) -> Problem:
    return Problem.of(CommonCode.SERVICE_UNAVAILABLE, headers={"Retry-After": str(retry_after_s)})
