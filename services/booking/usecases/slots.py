"""Free times: searching them, and the short hold that keeps one while the resident reads the conditions."""

from datetime import UTC, datetime, timedelta

from services.booking.adapters import slot_repo
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.catalogue import FreeTime
from services.booking.domain.eligibility import EligibilityQuestion
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rules import TimeTypeRules
from services.booking.state import BookingApp
from services.booking.usecases import checks
from services.booking.usecases.commands import Who
from shared.contracts.common import Actor, Channel

CITIZEN_ON_WEB = Who(actor=Actor.CITIZEN, channel=Channel.WEB)


async def search(
    app: BookingApp,
    *,
    clinic: str | None,
    time_type: str | None,
    start_from: datetime,
    start_to: datetime,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[FreeTime]:
    """Bookable times: never past, held or booked. Hidden time types only when asked for by code
    (the guide or an invitation gave it)."""
    if start_to <= start_from or start_to - start_from > timedelta(days=92):
        raise BookingError(BookingCode.INVALID_TIME_RANGE)
    async with app.engine.connect() as conn:
        return await slot_repo.search(
            conn,
            clinic=clinic,
            time_type=time_type,
            start_from=start_from,
            start_to=start_to,
            after=after,
            limit=limit,
            include_hidden_types=frozenset({time_type}) if time_type else frozenset(),
        )


async def hold(
    app: BookingApp, subject: str, slot_id: str, *, guide_ticket: str | None, invitation_code: str | None
) -> datetime:
    """Hold `slot_id` for a few minutes (one hold per person); answers until when."""
    app.limiter.check(subject)
    now = datetime.now(UTC)
    until = now + timedelta(minutes=app.settings.hold_minutes)
    async with app.engine.connect() as conn:
        ctx = await slot_repo.booking_context(conn, slot_id=slot_id, subject=subject)
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
            subject=subject,
            who=CITIZEN_ON_WEB,
            ticket=guide_ticket,
            invitation=invitation_code,
            secret=app.settings.guide_secret,
        )
    if ctx.restricted or invitation_only:
        # A scarce time is held only for someone who may book it: otherwise a bot holds them all.
        # Asked outside any transaction: no database connection waits on the broker.
        await _check_eligible(app, ctx, subject, invitation_code)
    async with app.engine.begin() as conn:
        if not await slot_repo.hold(conn, slot_id=slot_id, subject=subject, until=until):
            raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)
    return until


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
