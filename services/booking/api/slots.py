"""Free times, and the short hold that keeps one while the resident reads the conditions."""

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.booking.adapters import slot_repo
from services.booking.adapters.slot_repo import BookingContext
from services.booking.api import views
from services.booking.api.deps import AppDep, BookingApp, SessionDep
from services.booking.api.paging import decode_cursor, encode_cursor
from services.booking.api.schemas import HoldRequest
from services.booking.domain.eligibility import EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rules import TimeTypeRules
from services.booking.usecases import checks
from services.booking.usecases.commands import Who
from shared.bounds import Moment
from shared.contracts.common import Actor, Channel
from shared.web.principals import ResidentDep

router = APIRouter(prefix="/v1/slots", tags=["slots"])
CITIZEN_ON_WEB = Who(actor=Actor.CITIZEN, channel=Channel.WEB)


@router.get("", summary="Bookable times: never past, held or booked; at any clinic")
async def search(
    session: SessionDep,
    clinic: Annotated[str | None, Query(max_length=64)] = None,
    time_type: Annotated[str | None, Query(max_length=64)] = None,
    start_from: Annotated[Moment | None, Query(alias="from")] = None,
    start_to: Annotated[Moment | None, Query(alias="to")] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    low = _aware(start_from) if start_from else now
    high = _aware(start_to) if start_to else low + timedelta(days=31)
    if high <= low or high - low > timedelta(days=92):
        raise BookingError(BookingCode.INVALID_TIME_RANGE)
    # Hidden time types are listed only when asked for by code (the guide or an invitation gave it).
    rows = await slot_repo.search(
        session,
        clinic=clinic,
        time_type=time_type,
        start_from=low,
        start_to=high,
        after=decode_cursor(cursor),
        limit=limit + 1,
        include_hidden_types=frozenset({time_type}) if time_type else frozenset(),
    )
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].start_at, page[-1].id) if len(rows) > limit else None
    return {"items": [views.slot(r) for r in page], "next": next_cursor}


@router.post("/{slot_id}/hold", summary="Hold a time for a few minutes while you confirm the conditions")
async def hold(slot_id: str, me: ResidentDep, app: AppDep, body: HoldRequest | None = None) -> dict[str, Any]:
    app.limiter.check(me.personnummer)
    now = datetime.now(UTC)
    until = now + timedelta(minutes=app.settings.hold_minutes)
    async with app.sessionmaker() as session:
        ctx = await slot_repo.booking_context(session, slot_id=slot_id, subject=me.personnummer)
        if ctx is None:
            raise BookingError(BookingCode.SLOT_DOES_NOT_EXIST)
        # Only a time the web may book can be held from the web: a closed clinic, a closure or a
        # phone-only time is not kept from the phone line by a hold.
        checks.check_channel_open(ctx, who=CITIZEN_ON_WEB, region_phone=app.settings.region_phone)
        if ctx.status == "withdrawn":
            raise BookingError(BookingCode.REQUESTED_TIME_IS_NO_LONGER_AVAILABLE)
        rules = TimeTypeRules.from_json(ctx.rules)
        checks.check_timing(
            ctx, who=CITIZEN_ON_WEB, rule=rules.book, late_code=BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT, now=now
        )
        # A hidden time type is held, like booked, only after the guide pointed there or with an invitation.
        invitation_only = checks.check_hidden(
            ctx,
            subject=me.personnummer,
            who=CITIZEN_ON_WEB,
            ticket=body.guide_ticket if body else None,
            invitation=body.invitation_code if body else None,
            secret=app.settings.guide_secret,
        )
    if ctx.restricted or invitation_only:
        # A scarce time is held only for someone who may book it: otherwise a bot holds them all.
        # Asked outside any transaction: no database connection waits on the broker.
        await _check_eligible(app, ctx, me.personnummer, body.invitation_code if body else None)
    async with app.sessionmaker() as session, session.begin():
        if not await slot_repo.hold(session, slot_id=slot_id, subject=me.personnummer, until=until):
            raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)
    return {"slot_id": slot_id, "held_until": views.local(until)}


async def _check_eligible(app: BookingApp, ctx: BookingContext, subject: str, invitation_code: str | None) -> None:
    decision = await app.eligibility.decide(
        EligibilityQuestion(
            subject=subject,
            time_type_code=ctx.time_type_code,
            clinic_hsa_id=ctx.clinic_hsa_id,
            start=ctx.start,
            channel=Channel.WEB,
            actor_id=None,
            invitation_code=invitation_code,
            staff_attested=False,
            purpose="hold",
        )
    )
    if not decision.eligible:
        raise BookingError(
            BookingCode.NOT_ELIGIBLE,
            extra={"reason": decision.reason, "rule_version": decision.rule_version, "evidence": decision.evidence},
        )


def _aware(value: datetime) -> datetime:
    """A time without offset is read as Stockholm local time."""
    return value if value.tzinfo else value.replace(tzinfo=views.STOCKHOLM)
