"""What each booking operation can refuse with, from the catalogue (domain/errors.py), for its
OpenAPI (`shared.web.openapi.refusals`; the shared edge adds its own codes to every operation)."""

from typing import Any

from services.booking.domain.errors import BookingCode as C
from shared.web.openapi import refusals

# The checks every booking of one slot passes (usecases/checks.py), in order.
_SLOT = (
    C.SLOT_DOES_NOT_EXIST,
    C.WEB_BOOKING_CLOSED,
    C.APPOINTMENT_IS_NOT_ALLOWED,
    C.REQUESTED_TIME_IS_NO_LONGER_AVAILABLE,
    C.REQUESTED_TIME_IS_ALREADY_RESERVED,
    C.REQUESTED_TIME_HAS_ALREADY_PASSED,
)
_ELIGIBILITY = (C.NOT_ELIGIBLE, C.ELIGIBILITY_UNAVAILABLE)
_IDEMPOTENT = (C.IDEMPOTENCY_KEY_REQUIRED, C.IDEMPOTENCY_KEY_REUSED)
_PERSON = (C.USER_IS_ALREADY_OCCUPIED, C.TOO_MANY_BOOKINGS)
_CHANGE = (C.APPOINTMENT_DOES_NOT_EXIST, C.APPOINTMENT_IS_ALREADY_CANCELED, C.CANCEL_IS_NOT_ALLOWED)

CLINIC = refusals(C.CLINIC_DOES_NOT_EXIST)
TIME_TYPE = refusals(C.TIME_TYPE_DOES_NOT_EXIST)
GUIDE_NEED = refusals(C.GUIDE_NEED_DOES_NOT_EXIST)
SEARCH = refusals()
HOLD = refusals(C.TOO_MANY_REQUESTS, *_SLOT, C.TOO_LATE_TO_MAKE_APPOINTMENT, *_ELIGIBILITY)
BOOK = refusals(
    *_IDEMPOTENT,
    C.TOO_MANY_REQUESTS,
    *_SLOT,
    C.TOO_LATE_TO_MAKE_APPOINTMENT,
    C.CONDITIONS_NOT_CONFIRMED,
    C.REASON_REQUIRED,
    *_PERSON,
    *_ELIGIBILITY,
)
_HEADERS = {
    "Location": {"description": "The appointment's own URL", "schema": {"type": "string"}},
    "Preference-Applied": {
        "description": "`wait=N` when the answer waited for VAS's confirmation (`Prefer: wait=N`, RFC 7240)",
        "schema": {"type": "string"},
    },
}
BOOKED: dict[int | str, dict[str, Any]] = {
    201: {"description": "Booked: `pending` on its way to VAS, or `booked` when it waited", "headers": _HEADERS}
}
CHANGED: dict[int | str, dict[str, Any]] = {
    200: {"description": "Changed (the new state, and VAS's answer if it waited)", "headers": _HEADERS}
}
BOOK = {**BOOK, **BOOKED}
MINE = refusals()
ONE = refusals(C.APPOINTMENT_DOES_NOT_EXIST)
CANCEL = refusals(C.TOO_MANY_REQUESTS, *_CHANGE, C.TOO_LATE_TO_CANCEL_APPOINTMENT, C.REASON_REQUIRED)
RESCHEDULE = refusals(
    C.TOO_MANY_REQUESTS,
    *_CHANGE,
    C.TOO_LATE_TO_UPDATE_APPOINTMENT,
    C.REASON_REQUIRED,
    C.RESCHEDULE_TO_OTHER_CLINIC_NOT_ALLOWED,
    *_SLOT,
    C.CONDITIONS_NOT_CONFIRMED,
    C.USER_IS_ALREADY_OCCUPIED,
    *_ELIGIBILITY,
)
CANCEL = {**CANCEL, **CHANGED}
RESCHEDULE = {**RESCHEDULE, **CHANGED}
RESCHEDULE_TARGETS = refusals(*_CHANGE, C.TOO_LATE_TO_UPDATE_APPOINTMENT)
PHONE_BOOKING = refusals(
    *_IDEMPOTENT,
    C.INVALID_PERSONNUMMER,
    *_SLOT,
    C.REASON_REQUIRED,
    C.USER_IS_ALREADY_OCCUPIED,
    *_ELIGIBILITY,
)
STAFF_LINK_BOOKING = refusals(
    *_IDEMPOTENT,
    C.TOO_MANY_REQUESTS,
    C.INVALID_PERSONNUMMER,
    *_SLOT,
    C.TOO_LATE_TO_MAKE_APPOINTMENT,
    C.CONDITIONS_NOT_CONFIRMED,
    C.REASON_REQUIRED,
    *_PERSON,
    *_ELIGIBILITY,
)
STAFF_CANCEL = refusals(*_CHANGE, C.REASON_REQUIRED)
REOPEN = refusals(C.CLOSURE_DOES_NOT_EXIST)
