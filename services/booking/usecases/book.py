"""Book a slot: the resident's web booking and the phone line's booking on their behalf."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from services.booking.adapters import booking_writes
from services.booking.adapters.booking_writes import Written
from services.booking.domain.appointment import Appointment, Status
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.eligibility import Decision, refused
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rules import TimeTypeRules, check_conditions, check_reason
from services.booking.usecases import checks
from services.booking.usecases.commands import Book
from services.booking.usecases.events import wrap
from shared.contracts.appointments import AppointmentRequested
from shared.contracts.common import Channel
from shared.contracts.eligibility import canonical_invitation_code
from shared.messaging.outbox import outbox_row

# How the API renders an appointment: the answer stored for the request's Idempotency-Key.
Render = Callable[[Appointment], dict[str, Any]]

INVITATION_INDEX = "uq_appointments_live_invitation"


class NeedsEligibility(Exception):
    """The time type is restricted, or an invitation is what opens it: ask the eligibility
    service (which redeems invitations), then call `book` again."""

    def __init__(self, ctx: BookingContext) -> None:
        super().__init__(ctx.time_type_code)
        self.ctx = ctx


class SameKeyRace(Exception):
    """A request with the same Idempotency-Key answered first: roll back, and replay its answer."""


@dataclass(frozen=True, slots=True)
class Request:
    """Who asked, with which Idempotency-Key, and the request's fingerprint."""

    owner: str
    key: str
    fingerprint: str


def check_rules(
    ctx: BookingContext | None,
    *,
    command: Book,
    now: datetime,
    guide_secret: str,
    region_phone: str,
    decision: Decision | None,
    web_limit: int | None,
) -> BookingContext:
    """Every rule a booking of the slot must pass, in the order they are answered: `ctx` when
    they all pass. Raises `BookingError`, or `NeedsEligibility` when the time type needs a
    decision and `decision` is None."""
    if ctx is None:
        raise BookingError(BookingCode.SLOT_DOES_NOT_EXIST)
    who = command.who
    rules = TimeTypeRules.from_json(ctx.rules)
    checks.check_channel_open(ctx, who=who, region_phone=region_phone)
    checks.check_slot_available(ctx, subject=command.subject, now=now)
    checks.check_timing(ctx, who=who, rule=rules.book, late_code=BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT, now=now)
    if not who.is_staff:
        check_conditions(required=ctx.condition_ids, confirmed=command.confirmed_conditions)
    check_reason(rule=rules.book, reason=command.reason)
    invitation_only = checks.check_hidden(
        ctx,
        subject=command.subject,
        who=who,
        ticket=command.guide_ticket,
        invitation=command.invitation_code,
        secret=guide_secret,
    )
    checks.check_person(ctx, who=who, web_limit=web_limit)
    # A staff-only link books nothing without a decision: the roster check is eligibility's.
    if ctx.restricted or invitation_only or who.channel == Channel.STAFF_LINK:
        if decision is None:
            raise NeedsEligibility(ctx)
        if not decision.eligible:
            raise refused(decision)
    return ctx


async def book(
    *,
    db: asyncpg.Connection,
    ctx: BookingContext | None,
    command: Book,
    request: Request,
    render: Render,
    now: datetime,
    namespace: str,
    guide_secret: str,
    region_phone: str,
    decision: Decision | None = None,
    web_limit: int | None = None,
) -> dict[str, Any]:
    """Check the rules against `ctx` (the slot's context, read under the person's lock in the
    caller's transaction; None: no such slot), then claim the slot and create a `pending`
    appointment, with its audit record, outbox event and the answer stored for the request's
    key, in that transaction. Answers the rendered appointment. Raises `BookingError` (nothing
    written), `NeedsEligibility` or `SameKeyRace`."""
    ctx = check_rules(
        ctx,
        command=command,
        now=now,
        guide_secret=guide_secret,
        region_phone=region_phone,
        decision=decision,
        web_limit=web_limit,
    )
    who = command.who
    appointment_id = command.appointment_id or uuid.uuid4()
    appointment = Appointment(
        id=appointment_id,
        subject=command.subject,
        slot_id=ctx.slot_id,
        previous_slot_id=None,
        previous_start_at=None,
        previous_end_at=None,
        clinic_hsa_id=ctx.clinic_hsa_id,
        time_type_code=ctx.time_type_code,
        start_at=ctx.start,
        end_at=ctx.end,
        status=Status.PENDING,
        version=1,
        channel=who.channel,
        actor=who.actor,
        actor_id=who.actor_id,
        reason=command.reason,
        invitation_code=canonical_invitation_code(command.invitation_code) if command.invitation_code else None,
        vas_appointment_id=None,
        rejection_code=None,
        cancelled_by=None,
        self_declared=bool(decision and decision.self_declared),
        # The database stamps its own now(); the answer gives the request's.
        created_at=now,
        updated_at=now,
    )
    details: dict[str, Any] = {"slot_id": ctx.slot_id}
    if who.is_staff:
        details["control_questions_answered"] = command.control_questions_answered
    if decision is not None:
        details["eligibility"] = {
            "reason": decision.reason,
            "rule_version": decision.rule_version,
            "self_declared": decision.self_declared,
        }
    audit = {
        "action": "book",
        "actor": who.actor,
        "actor_id": who.actor_id,
        "channel": who.channel,
        "appointment_id": appointment_id,
        "subject": command.subject,
        "details": details,
    }
    event = AppointmentRequested(
        appointment_id=appointment_id,
        version=1,
        slot_id=ctx.slot_id,
        clinic_hsa_id=ctx.clinic_hsa_id,
        clinic_name=ctx.clinic_name,
        time_type_code=ctx.time_type_code,
        start=ctx.start,
        end=ctx.end,
        subject=command.subject,
        subject_given_name=who.given_name,
        subject_family_name=who.family_name,
        actor=who.actor,
        actor_id=who.actor_id,
        channel=who.channel,
        reason=command.reason,
    )
    body = render(appointment)
    try:
        written = await booking_writes.write_booking(
            db,
            slot_id=ctx.slot_id,
            appointment=appointment,
            audit=audit,
            outbox_row=outbox_row(wrap(event), namespace=namespace),
            answer={
                "owner": request.owner,
                "key": request.key,
                "request_hash": request.fingerprint,
                "status_code": 201,
                "response": body,
            },
        )
    except asyncpg.UniqueViolationError as exc:
        # The database's unique indexes are the last word on double booking and on an invitation
        # used twice (the failed statement aborts the transaction; the caller rolls it back).
        if exc.constraint_name == INVITATION_INDEX:
            raise BookingError(BookingCode.NOT_ELIGIBLE, extra={"reason": "NOT_ELIGIBLE_INVITATION_USED"}) from None
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED) from None
    if written is Written.NOT_CLAIMABLE:
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)
    if written is Written.KEY_TAKEN:
        raise SameKeyRace()
    return body
