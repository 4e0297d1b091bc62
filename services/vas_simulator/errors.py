"""The contract's result codes as errors, answered as ``{"result_code": ..., "message": ...}``."""

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.problems import database_unavailable


class VasError(Exception):
    def __init__(self, status: int, result_code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(result_code)
        self.status = status
        self.result_code = result_code
        self.message = message
        self.headers = headers or {}


def error_response(status: int, result_code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"result_code": result_code, "message": message}, status_code=status, headers=headers)


def already_reserved() -> VasError:
    return VasError(409, "REQUESTED_TIME_IS_ALREADY_RESERVED", "The requested time is already reserved.")


def already_passed() -> VasError:
    return VasError(409, "REQUESTED_TIME_HAS_ALREADY_PASSED", "The requested time has already passed.")


def no_longer_available(status: int = 409) -> VasError:
    return VasError(status, "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE", "The requested time is no longer available.")


def appointment_does_not_exist() -> VasError:
    return VasError(404, "APPOINTMENT_DOES_NOT_EXIST", "The appointment does not exist.")


def already_cancelled() -> VasError:
    return VasError(409, "APPOINTMENT_IS_ALREADY_CANCELED", "The appointment is already cancelled.")


def install_error_handlers(app: FastAPI) -> None:
    """No answer echoes input values: they may hold a personnummer."""

    @app.exception_handler(VasError)
    async def _vas(_: Request, exc: VasError) -> JSONResponse:
        return error_response(exc.status, exc.result_code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()})
        return error_response(422, "INVALID_REQUEST", f"Invalid fields: {', '.join(fields)}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "HTTP_ERROR")
        return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(sqlalchemy.exc.DBAPIError)
    @app.exception_handler(sqlalchemy.exc.TimeoutError)
    @app.exception_handler(OSError)
    async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, sqlalchemy.exc.DBAPIError) and not database_unavailable(exc):
            raise exc
        return error_response(503, "SERVICE_UNAVAILABLE", "The schedule database is unavailable.", {"Retry-After": "5"})
