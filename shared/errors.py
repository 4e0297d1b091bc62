"""Refusals as values: each service lists its error codes as an `ErrorCode` enum (HTTP status and
the text in English and Swedish), and raises `Refused` from its domain or use cases; the shared
problem handlers (shared.problems) render every one as RFC 9457 problem+json, once.

Codes are stable API (clients branch on them; the national scheduling contract's result codes are
reused where one fits). A code is an enum member, so a typo fails when the module is imported, not
when the refusal happens.
"""

from enum import Enum, unique
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


@unique
class CommonCode(ErrorCode):
    """What every service's HTTP edge and login checks may answer, whatever the route."""

    MALFORMED_JSON = (400, "The request body is not valid JSON.", "Förfrågans innehåll är inte giltig JSON.")
    UNAUTHORIZED = (401, "Log in first.", "Logga in först.")
    FORBIDDEN = (403, "Your role does not allow this.", "Din roll tillåter inte detta.")
    NOT_FOUND = (404, "Not Found", "Hittades inte")
    METHOD_NOT_ALLOWED = (405, "Method Not Allowed", "Metoden är inte tillåten")
    REQUEST_TIMEOUT = (
        408,
        "The request body did not arrive in time; nothing was done.",
        "Förfrågans innehåll kom inte fram i tid; ingenting gjordes.",
    )
    PAYLOAD_TOO_LARGE = (413, "The request body is too large.", "Förfrågans innehåll är för stort.")
    HEADERS_TOO_LARGE = (
        431,
        "The request's address and headers are too large; nothing was done.",
        "Förfrågans adress och huvuden är för stora; ingenting gjordes.",
    )
    MALFORMED_REQUEST = (
        400,
        "The request is not valid HTTP; nothing was done.",
        "Förfrågan är inte giltig HTTP; ingenting gjordes.",
    )
    INVALID_CURSOR = (400, "The paging cursor is not valid.", "Bläddringsmarkören är inte giltig.")
    INVALID_TIME_RANGE = (
        422,
        "`from` must be before `to`, at most 92 days apart.",
        "`from` måste vara före `to`, högst 92 dagar isär.",
    )
    INVALID_REQUEST = (422, "The request is not valid; see `errors`.", "Förfrågan är inte giltig; se `errors`.")
    INVALID_CHARACTERS = (
        422,
        "The request contains control characters, which are not allowed.",
        "Förfrågan innehåller styrtecken, som inte är tillåtna.",
    )
    INTERNAL_ERROR = (
        500,
        "Something went wrong on our side; it has been logged. Try again in a while.",
        "Något gick fel hos oss; felet är loggat. Försök igen om en stund.",
    )
    SERVICE_UNAVAILABLE = (
        503,
        "The service cannot store your request right now; nothing was saved. Try again shortly.",
        "Tjänsten kan inte spara din förfrågan just nu; ingenting sparades. Försök igen om en stund.",
    )
    SERVICE_BUSY = (
        503,
        "Very many are booking right now and your request did not get its turn; nothing was saved. Try again shortly.",
        "Väldigt många bokar just nu och din förfrågan fick inte sin tur; ingenting sparades. Försök igen om en stund.",
    )
    IDENTITY_PROVIDER_UNAVAILABLE = (
        503,
        "Cannot verify logins right now.",
        "Det går inte att kontrollera inloggningar just nu.",
    )


# When each common code is answered (docs/errors.md is generated from these and the services'
# own catalogues: `python -m deploy.docs`).
COMMON_WHEN: dict[ErrorCode, str] = {
    CommonCode.MALFORMED_JSON: "The body is not JSON at all.",
    CommonCode.UNAUTHORIZED: "No token, or a token that is not valid (signature, issuer, audience, expiry, "
    "lifetime over the maximum, unknown key after a refresh, a subject that is no personnummer). "
    "Answered before the body is read.",
    CommonCode.FORBIDDEN: "A valid token of the wrong kind (resident on a staff route or the reverse) or "
    "without one of the route's roles, or staff acting outside their clinics.",
    CommonCode.NOT_FOUND: "No such route (answered at the door, before a login is asked for).",
    CommonCode.METHOD_NOT_ALLOWED: "The route exists, not with this method.",
    CommonCode.REQUEST_TIMEOUT: "The body did not arrive within the service's body deadline (10 s); the "
    "connection is closed.",
    CommonCode.PAYLOAD_TOO_LARGE: "The body is larger than the service's limit (16 KB for booking and "
    "notifications, 64 KB otherwise; CSV imports 20 MB).",
    CommonCode.HEADERS_TOO_LARGE: "The request line and headers together are over 32 KB (any route, "
    "before one is chosen); the connection is closed.",
    CommonCode.MALFORMED_REQUEST: "The HTTP parser cannot read the request (a control character in a "
    "header, a request line over its limit); any route, before one is chosen; the connection is closed.",
    CommonCode.INVALID_REQUEST: "A field is missing, of the wrong type, out of its bounds or unknown; "
    "`errors` lists each field and what is wrong (never its value).",
    CommonCode.INVALID_CURSOR: "On a list: the `cursor` was not a `next` this list gave.",
    CommonCode.INVALID_TIME_RANGE: "On a list bounded by `from`/`to`: `to` is not after `from`, or the "
    "window is longer than 92 days.",
    CommonCode.INVALID_CHARACTERS: "A path, query or body value holds a control character (NUL, C0/C1, "
    "bidirectional override, lone surrogate).",
    CommonCode.INTERNAL_ERROR: "A fault on our side (logged with the correlation id); nothing to fix in the request.",
    CommonCode.SERVICE_UNAVAILABLE: "The service's database cannot be reached; nothing was saved. "
    "`Retry-After` says when to try again.",
    CommonCode.SERVICE_BUSY: "Booking's admission control: more requests than it takes at once, and this "
    "one waited longer than its queue timeout (a stranger's is refused at the door, never queued). "
    "`Retry-After`.",
    CommonCode.IDENTITY_PROVIDER_UNAVAILABLE: "The token names a key the service has not fetched and the "
    "IdP cannot be reached: try again (`Retry-After`), the login itself may be fine.",
}

# The typed result codes of the national scheduling contract (crm:scheduling v2.0, which v1.1's
# `resultCode` ERROR carries as text) that Tidbok's codes reuse by name.
SCHEDULING_CONTRACT_CODES = frozenset(
    {
        "REQUESTED_TIME_IS_ALREADY_RESERVED",
        "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE",
        "REQUESTED_TIME_HAS_ALREADY_PASSED",
        "TOO_LATE_TO_MAKE_APPOINTMENT",
        "TOO_LATE_TO_UPDATE_APPOINTMENT",
        "TOO_LATE_TO_CANCEL_APPOINTMENT",
        "USER_IS_ALREADY_OCCUPIED",
        "APPOINTMENT_IS_NOT_ALLOWED",
        "APPOINTMENT_IS_ALREADY_CANCELED",
        "APPOINTMENT_DOES_NOT_EXIST",
        "INVALID_REQUEST",
    }
)


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
