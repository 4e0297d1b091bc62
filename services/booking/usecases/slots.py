"""Free times: searching them, and the short hold that keeps one while the resident reads the conditions."""

import uuid
from datetime import datetime, timedelta

from services.booking.adapters import appointment_repo, catalogue_repo, slot_repo
from services.booking.domain import guide_tickets
from services.booking.domain.appointment import check_can_change
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.catalogue import FreeTime
from services.booking.domain.eligibility import EligibilityQuestion, refused
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.listing import Viewer
from services.booking.domain.rules import TimeTypeRules, check_change_deadline
from services.booking.state import BookingApp
from services.booking.usecases import checks
from services.booking.usecases.commands import PHONE_BOOKING_ROLES, Who
from shared import direct
from shared.auth import Resident, Staff
from shared.contracts.common import Actor, Channel
from shared.contracts.eligibility import canonical_invitation_code
from shared.errors import CommonCode, Refused

CITIZEN_ON_WEB = Who(actor=Actor.CITIZEN, channel=Channel.WEB)


def viewer(
    app: BookingApp,
    caller: Resident | Staff | None,
    *,
    time_type: str | None,
    guide_ticket: str | None,
    invitation_code: str | None,
) -> Viewer:
    """Whose rules a listing follows: staff who book by phone get the phone line's, everyone else
    the web's. A hidden time type opens with the guide's ticket for this resident and this time
    type, or with an invitation code (eligibility checks the code when the time is booked)."""
    if isinstance(caller, Staff) and caller.roles & PHONE_BOOKING_ROLES:
        return Viewer(phone_line=True, clinics=caller.clinic_scope())
    if not isinstance(caller, Resident):
        return Viewer()
    subject = caller.personnummer
    # An invitation is bound to one person: only a resident's listing opens with one (eligibility
    # checks the code itself when the time is booked).
    opened = time_type is not None and (
        bool(invitation_code and canonical_invitation_code(invitation_code))
        or guide_tickets.valid(
            guide_ticket, secret=app.settings.guide_secret, subject=subject, time_type_code=time_type
        )
    )
    return Viewer(
        subject=subject,
        unlocked=frozenset({time_type}) if time_type and opened else frozenset(),
        web_limit=app.settings.max_live_web_bookings,
    )


async def search(
    app: BookingApp,
    viewer: Viewer,
    *,
    clinic: str | None,
    time_type: str | None,
    start_from: datetime,
    start_to: datetime,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[FreeTime]:
    """The times `viewer` could book now."""
    _check_range(start_from, start_to)
    async with direct.connection(app.engine) as db:
        times = await slot_repo.search(
            db,
            viewer=viewer,
            now=app.clock.now(),
            clinic=clinic,
            time_type=time_type,
            start_from=start_from,
            start_to=start_to,
            after=after,
            limit=limit,
        )
    app.slot_hints.remember(times)
    return times


async def reschedule_targets(
    app: BookingApp,
    subject: str,
    appointment_id: uuid.UUID,
    *,
    start_from: datetime,
    start_to: datetime,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[FreeTime]:
    """The times the resident's appointment could move to now: same clinic and time type, the
    web's rules, and none at all once it is too late to move it (the same refusal as the move)."""
    _check_range(start_from, start_to)
    now = app.clock.now()
    async with app.engine.connect() as conn:
        row = await appointment_repo.get_for_subject(conn, appointment_id=appointment_id, subject=subject)
        if row is None:
            raise BookingError(BookingCode.APPOINTMENT_DOES_NOT_EXIST)
        check_can_change(row.status)
        rules = TimeTypeRules.from_json(await catalogue_repo.time_type_rules(conn, row.time_type_code))
        check_change_deadline(
            start=row.start_at, now=now, rule=rules.reschedule, late_code=BookingCode.TOO_LATE_TO_UPDATE_APPOINTMENT
        )
        return await slot_repo.search(
            await direct.driver_of(conn),
            viewer=Viewer(subject=subject, unlocked=frozenset({row.time_type_code})),
            now=now,
            clinic=row.clinic_hsa_id,
            time_type=row.time_type_code,
            start_from=start_from,
            start_to=start_to,
            after=after,
            limit=limit,
            exclude_appointment=row.id,
        )


def _check_range(start_from: datetime, start_to: datetime) -> None:
    if start_to <= start_from or start_to - start_from > timedelta(days=92):
        raise Refused(CommonCode.INVALID_TIME_RANGE)


async def hold(
    app: BookingApp, subject: str, slot_id: str, *, guide_ticket: str | None, invitation_code: str | None
) -> datetime:
    """Hold `slot_id` for a few minutes (one hold per person); answers until when."""
    app.limiter.check(subject)
    now = app.clock.now()
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
        raise refused(decision)
