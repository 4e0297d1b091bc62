"""The checks a booking or rebooking of one slot must pass, in the order a resident would
want to hear about them."""

from datetime import datetime

from services.booking.domain import guide_tickets
from services.booking.domain.booking_context import BookingContext
from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rules import FlowRule, check_bookable_time
from services.booking.usecases.commands import Who


def check_slot_available(ctx: BookingContext, *, subject: str, now: datetime) -> None:
    if ctx.status == "withdrawn":
        raise BookingError(BookingCode.REQUESTED_TIME_IS_NO_LONGER_AVAILABLE)
    if ctx.status == "busy":
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)
    if ctx.status == "held" and ctx.held_by != subject and ctx.hold_expires_at and ctx.hold_expires_at > now:
        raise BookingError(BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED)


def check_channel_open(ctx: BookingContext, *, who: Who, region_phone: str) -> None:
    """Web rules: the clinic has web booking switched on, nothing is closed, the time is
    web-bookable. Staff on the phone line are the fallback and pass."""
    if who.is_staff:
        return
    if not ctx.web_booking_enabled:
        raise BookingError(
            BookingCode.WEB_BOOKING_CLOSED,
            extra={"phone": ctx.clinic_phone or region_phone},
            detail_en="This clinic does not take web bookings yet; call the clinic.",
            detail_sv="Mottagningen tar inte emot webbokningar ännu; ring mottagningen.",
        )
    if ctx.closure:
        raise BookingError(
            BookingCode.WEB_BOOKING_CLOSED,
            extra={
                "phone": ctx.closure["phone"],
                "message_sv": ctx.closure["message_sv"],
                "message_en": ctx.closure["message_en"],
            },
            detail_en=ctx.closure["message_en"],
            detail_sv=ctx.closure["message_sv"],
        )
    if not (ctx.slot_web_bookable and ctx.type_web_bookable):
        raise BookingError(BookingCode.APPOINTMENT_IS_NOT_ALLOWED)


def check_timing(ctx: BookingContext, *, who: Who, rule: FlowRule, late_code: BookingCode, now: datetime) -> None:
    # Staff may book inside the web deadline; nobody books a time that has passed.
    check_bookable_time(start=ctx.start, now=now, rule=FlowRule() if who.is_staff else rule, late_code=late_code)


def check_hidden(
    ctx: BookingContext, *, subject: str, who: Who, ticket: str | None, invitation: str | None, secret: str
) -> bool:
    """A hidden time type is bookable only after the guide pointed there, or with an invitation.

    Returns True when only an invitation opens it: invitations are the eligibility service's to
    redeem (bound to one person, single use), so the booking then needs its decision."""
    if not ctx.hidden or who.is_staff:
        return False
    if guide_tickets.valid(ticket, secret=secret, subject=subject, time_type_code=ctx.time_type_code):
        return False
    if invitation:
        return True
    raise BookingError(
        BookingCode.APPOINTMENT_IS_NOT_ALLOWED,
        detail_en="This time type is booked through the guide or with an invitation.",
        detail_sv="Den här tidstypen bokas via vägledningen eller med en kallelse.",
    )


def check_person(ctx: BookingContext, *, who: Who, web_limit: int | None) -> None:
    """Overlap, the time type's own limit per person, and the cap on a person's coming web
    bookings across every time type (bots hoarding times; staff on the phone are not capped)."""
    if ctx.occupied:
        raise BookingError(BookingCode.USER_IS_ALREADY_OCCUPIED)
    if web_limit is not None and not who.is_staff and ctx.live_web >= web_limit:
        raise BookingError(BookingCode.TOO_MANY_BOOKINGS, extra={"limit": web_limit})
    if ctx.max_live_per_person is not None and ctx.live_same_type >= ctx.max_live_per_person:
        raise BookingError(
            BookingCode.APPOINTMENT_IS_NOT_ALLOWED,
            extra={"limit": ctx.max_live_per_person},
            detail_en="You already have the number of bookings of this kind that one person may have.",
            detail_sv="Du har redan så många bokningar av det här slaget som en person får ha.",
        )
