"""The staff-only link: healthcare staff book their own vaccination.

Needs a staff token, and eligibility checks that its HSA-id is on the staff roster and bound
to the personnummer booked for: a leaked link alone gets nobody in.
"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header

from services.booking.api import refusals, views
from services.booking.api.answers import AppointmentAnswer
from services.booking.api.deps import AppDep
from services.booking.api.headers import IDEMPOTENCY_KEY, request_hash, require_key
from services.booking.api.schemas import StaffLinkBookingRequest
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.usecases.commands import Book, Who
from services.booking.usecases.place import place
from shared.auth import Staff
from shared.contracts.common import Actor, Channel
from shared.identity import InvalidPersonnummer, normalize
from shared.web.principals import staff

router = APIRouter(prefix="/v1/staff-link", tags=["staff-link"])


@router.post(
    "/appointments",
    status_code=201,
    response_model=AppointmentAnswer,
    responses=refusals.STAFF_LINK_BOOKING,
    summary="Staff book their own time (staff roster checked)",
)
async def staff_link_booking(
    body: StaffLinkBookingRequest,
    app: AppDep,
    member: Annotated[Staff, Depends(staff)],
    idempotency_key: Annotated[str | None, Header(description=IDEMPOTENCY_KEY)] = None,
) -> dict[str, Any]:
    app.limiter.check(f"staff:{member.hsa_id.upper()}")
    key = require_key(idempotency_key)
    try:
        subject = normalize(body.personnummer)
    except InvalidPersonnummer:
        raise BookingError(BookingCode.INVALID_PERSONNUMMER) from None
    command = Book(
        subject=subject,
        slot_id=body.slot_id,
        confirmed_conditions=frozenset(body.confirmed_conditions),
        # The staff member books as a citizen (web rules apply) through the staff link.
        who=Who(
            actor=Actor.CITIZEN,
            channel=Channel.STAFF_LINK,
            actor_id=member.hsa_id,
            given_name=body.given_name,
            family_name=body.family_name,
        ),
        appointment_id=uuid.uuid4(),
    )
    _, answer = await place(
        app,
        command,
        owner=f"staff-link:{member.hsa_id}",
        key=key,
        fingerprint=request_hash("staff-link", body),
        render=views.appointment,
    )
    return answer
