"""The resident's appointments: book, see all, cancel, reschedule."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse

from services.booking.adapters import appointment_repo
from services.booking.api import views
from services.booking.api.booking_flow import place, prefer_wait, request_hash, require_key, with_wait
from services.booking.api.deps import AppDep, SessionDep
from services.booking.api.paging import decode_cursor, encode_cursor
from services.booking.api.schemas import BookingRequest, CancelRequest, RescheduleRequest
from services.booking.domain.eligibility import Decision, EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.usecases.book import NeedsEligibility
from services.booking.usecases.change import cancel, reschedule
from services.booking.usecases.commands import Book, Cancel, Reschedule, Who
from shared.contracts.common import Actor, Channel
from shared.web.principals import ResidentDep

router = APIRouter(prefix="/v1/appointments", tags=["appointments"])
CITIZEN_ON_WEB = Who(actor=Actor.CITIZEN, channel=Channel.WEB)


def _answer(status: int, body: dict[str, Any], waited: bool, wait_s: float | None) -> JSONResponse:
    headers = {"Location": f"/v1/appointments/{body['id']}"}
    if waited and wait_s is not None:
        headers["Preference-Applied"] = f"wait={wait_s:g}"
    return JSONResponse(body, status_code=status, headers=headers)


@router.post("", status_code=201, summary="Book a time (the appointment starts as `pending`)")
async def create(
    body: BookingRequest,
    me: ResidentDep,
    app: AppDep,
    idempotency_key: Annotated[str | None, Header()] = None,
    prefer: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    app.limiter.check(me.personnummer)
    key = require_key(idempotency_key)
    fingerprint = request_hash("book", body)
    appointment_id = uuid.uuid4()
    command = Book(
        subject=me.personnummer,
        slot_id=body.slot_id,
        confirmed_conditions=frozenset(body.confirmed_conditions),
        who=CITIZEN_ON_WEB,
        reason=body.reason,
        invitation_code=body.invitation_code,
        guide_ticket=body.guide_ticket,
        appointment_id=appointment_id,
        self_declared_group=body.self_declared_group,
    )
    wait_s = prefer_wait(prefer, app.settings.max_wait_s)
    status, answer, waited = await with_wait(
        app,
        appointment_id,
        wait_s,
        lambda: place(app, command, owner=me.personnummer, key=key, fingerprint=fingerprint),
    )
    return _answer(status, answer, waited, wait_s)


@router.get("", summary="All my appointments, including ones made by phone or by the clinic in VAS")
async def list_mine(
    me: ResidentDep, session: SessionDep, cursor: str | None = None, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> dict[str, Any]:
    after = decode_cursor(cursor)
    try:
        after_key = (after[0], uuid.UUID(after[1])) if after else None
    except ValueError:
        raise BookingError(BookingCode.INVALID_CURSOR) from None
    rows = await appointment_repo.list_for_subject(session, subject=me.personnummer, after=after_key, limit=limit + 1)
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].start_at, str(page[-1].id)) if len(rows) > limit else None
    return {"items": [views.appointment(r) for r in page], "next": next_cursor}


@router.get("/{appointment_id}")
async def get_one(appointment_id: uuid.UUID, me: ResidentDep, session: SessionDep) -> dict[str, Any]:
    row = await appointment_repo.get_for_subject(session, appointment_id=appointment_id, subject=me.personnummer)
    if row is None:
        raise BookingError(BookingCode.APPOINTMENT_DOES_NOT_EXIST)
    return views.appointment(row)


@router.post("/{appointment_id}/cancel")
async def cancel_mine(
    appointment_id: uuid.UUID,
    me: ResidentDep,
    app: AppDep,
    body: CancelRequest | None = None,
    prefer: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    # Cancelling and moving are braked like booking: each one is work in VAS too.
    app.limiter.check(f"change:{me.personnummer}")
    command = Cancel(
        subject=me.personnummer, appointment_id=appointment_id, who=CITIZEN_ON_WEB, reason=body.reason if body else None
    )

    async def change() -> tuple[int, dict[str, Any]]:
        async with app.sessionmaker() as session, session.begin():
            row = await cancel(
                session=session, command=command, now=datetime.now(UTC), namespace=app.settings.namespace
            )
            return 200, views.appointment(row)

    wait_s = prefer_wait(prefer, app.settings.max_wait_s)
    status, answer, waited = await with_wait(app, appointment_id, wait_s, change)
    return _answer(status, answer, waited, wait_s)


@router.post("/{appointment_id}/reschedule")
async def reschedule_mine(
    appointment_id: uuid.UUID,
    body: RescheduleRequest,
    me: ResidentDep,
    app: AppDep,
    prefer: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    app.limiter.check(f"change:{me.personnummer}")
    command = Reschedule(
        subject=me.personnummer,
        appointment_id=appointment_id,
        new_slot_id=body.slot_id,
        who=CITIZEN_ON_WEB,
        confirmed_conditions=frozenset(body.confirmed_conditions),
        reason=body.reason,
    )

    async def attempt(decision: Decision | None) -> tuple[int, dict[str, Any]]:
        async with app.sessionmaker() as session, session.begin():
            row = await reschedule(
                session=session,
                command=command,
                now=datetime.now(UTC),
                namespace=app.settings.namespace,
                region_phone=app.settings.region_phone,
                decision=decision,
            )
            return 200, views.appointment(row)

    async def change() -> tuple[int, dict[str, Any]]:
        try:
            return await attempt(None)
        except NeedsEligibility as need:  # a restricted time type: asked again for the new time
            decision = await app.eligibility.decide(
                EligibilityQuestion(
                    subject=me.personnummer,
                    time_type_code=need.ctx.time_type_code,
                    clinic_hsa_id=need.ctx.clinic_hsa_id,
                    start=need.ctx.start,
                    channel=CITIZEN_ON_WEB.channel,
                    actor_id=None,
                    invitation_code=None,
                    staff_attested=False,
                    appointment_id=appointment_id,
                    purpose="reschedule",
                )
            )
            return await attempt(decision)

    wait_s = prefer_wait(prefer, app.settings.max_wait_s)
    status, answer, waited = await with_wait(app, appointment_id, wait_s, change)
    return _answer(status, answer, waited, wait_s)
