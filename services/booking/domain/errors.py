"""Booking errors as values: a stable code (national scheduling contract v2.0 where one
exists), the HTTP status that fits, and a message in English and Swedish."""

from enum import unique
from typing import Any

from shared.errors import ErrorCode, Refused


@unique
class BookingCode(ErrorCode):
    REQUESTED_TIME_IS_ALREADY_RESERVED = (
        409,
        "Someone else just booked this time. Choose another time.",
        "Någon annan har precis bokat den här tiden. Välj en annan tid.",
    )
    REQUESTED_TIME_HAS_ALREADY_PASSED = (409, "This time has already passed.", "Den här tiden har redan passerat.")
    REQUESTED_TIME_IS_NO_LONGER_AVAILABLE = (
        409,
        "This time is no longer available. Choose another time.",
        "Den här tiden finns inte längre. Välj en annan tid.",
    )
    TOO_LATE_TO_MAKE_APPOINTMENT = (
        422,
        "It is too late to book this time on the web; call the clinic.",
        "Det är för sent att boka den här tiden på webben; ring mottagningen.",
    )
    USER_IS_ALREADY_OCCUPIED = (
        409,
        "You already have an appointment at this time.",
        "Du har redan en bokad tid vid den här tiden.",
    )
    APPOINTMENT_IS_NOT_ALLOWED = (
        403,
        "This time cannot be booked this way.",
        "Den här tiden kan inte bokas på det här sättet.",
    )
    APPOINTMENT_IS_ALREADY_CANCELED = (409, "The appointment is already cancelled.", "Besöket är redan avbokat.")
    TOO_LATE_TO_UPDATE_APPOINTMENT = (
        422,
        "It is too late to rebook this appointment on the web; call the clinic.",
        "Det är för sent att omboka besöket på webben; ring mottagningen.",
    )
    APPOINTMENT_DOES_NOT_EXIST = (404, "There is no such appointment.", "Det finns inget sådant besök.")
    TOO_LATE_TO_CANCEL_APPOINTMENT = (
        422,
        "It is too late to cancel on the web; call the clinic.",
        "Det är för sent att avboka på webben; ring mottagningen.",
    )
    CANCEL_IS_NOT_ALLOWED = (
        422,
        "This appointment cannot be cancelled on the web; call the clinic.",
        "Besöket kan inte avbokas på webben; ring mottagningen.",
    )
    NOT_ELIGIBLE = (
        403,
        "You are not among those who can book this time now.",
        "Du tillhör inte dem som kan boka den här tiden just nu.",
    )
    WEB_BOOKING_CLOSED = (403, "Web booking is closed for this.", "Webbokningen är stängd för detta.")
    CONDITIONS_NOT_CONFIRMED = (
        422,
        "Confirm every condition before booking.",
        "Bekräfta alla villkor innan du bokar.",
    )
    REASON_REQUIRED = (422, "Give a reason.", "Ange en anledning.")
    SLOT_DOES_NOT_EXIST = (404, "There is no such time.", "Det finns ingen sådan tid.")
    IDEMPOTENCY_KEY_REUSED = (
        422,
        "This Idempotency-Key was used for a different request.",
        "Denna Idempotency-Key har använts för en annan förfrågan.",
    )
    IDEMPOTENCY_KEY_REQUIRED = (
        400,
        "Send an Idempotency-Key header so a retry cannot book twice.",
        "Skicka en Idempotency-Key så att ett nytt försök inte bokar två gånger.",
    )
    CLINIC_DOES_NOT_EXIST = (404, "There is no such clinic.", "Det finns ingen sådan mottagning.")
    TIME_TYPE_DOES_NOT_EXIST = (404, "There is no such time type.", "Det finns ingen sådan tidstyp.")
    RESCHEDULE_TO_OTHER_CLINIC_NOT_ALLOWED = (
        422,
        "A time can only be moved within the same clinic and time type.",
        "En tid kan bara flyttas inom samma mottagning och tidstyp.",
    )
    INVALID_PERSONNUMMER = (
        422,
        "That is not a valid personnummer or samordningsnummer.",
        "Det är inte ett giltigt personnummer eller samordningsnummer.",
    )
    ELIGIBILITY_UNAVAILABLE = (
        503,
        "We cannot check who may book this time right now; nothing was booked. Try again shortly.",
        "Vi kan inte kontrollera vem som får boka den här tiden just nu; ingenting bokades. Försök igen snart.",
    )
    GUIDE_NEED_DOES_NOT_EXIST = (404, "There is no such choice in the guide.", "Det valet finns inte i vägledningen.")
    CLOSURE_DOES_NOT_EXIST = (404, "There is no such closure.", "Det finns ingen sådan stängning.")
    TOO_MANY_BOOKINGS = (
        409,
        "You already have as many booked times on the web as one person may have; cancel one first, or call "
        "the clinic.",
        "Du har redan så många webbokade tider som en person får ha; avboka en först, eller ring mottagningen.",
    )
    TOO_MANY_REQUESTS = (
        429,
        "Too many attempts; wait a little and try again.",
        "För många försök; vänta lite och försök igen.",
    )


# When each code is answered (docs/errors.md: `python -m deploy.docs`).
WHEN: dict[ErrorCode, str] = {
    BookingCode.REQUESTED_TIME_IS_ALREADY_RESERVED: "Booking, holding or moving to a time someone else has "
    "booked or holds, or VAS gave the time to someone else (a phone booking) first: the appointment turns "
    "`rejected` with this code.",
    BookingCode.REQUESTED_TIME_HAS_ALREADY_PASSED: "The time has started.",
    BookingCode.REQUESTED_TIME_IS_NO_LONGER_AVAILABLE: "The clinic withdrew the time in VAS.",
    BookingCode.TOO_LATE_TO_MAKE_APPOINTMENT: "On the web, the time starts sooner than its time type's "
    "booking deadline (`rules.book.deadline_hours`); staff on the phone may still book it. A listing never "
    "offers such a time.",
    BookingCode.USER_IS_ALREADY_OCCUPIED: "The person has another live appointment that overlaps the time "
    "(or a move of one that VAS has not answered yet).",
    BookingCode.APPOINTMENT_IS_NOT_ALLOWED: "The time is not bookable this way: not web-bookable, a hidden "
    "time type without the guide's ticket or an invitation, or the time type's limit per person reached "
    "(`limit`).",
    BookingCode.APPOINTMENT_IS_ALREADY_CANCELED: "Cancelling or moving an appointment that is cancelled.",
    BookingCode.TOO_LATE_TO_UPDATE_APPOINTMENT: "On the web, moving an appointment inside its time type's "
    "rebooking deadline (`rules.reschedule.deadline_hours`, 24 h in primary care), or to a time inside the "
    "booking deadline.",
    BookingCode.APPOINTMENT_DOES_NOT_EXIST: "No appointment with that id for this person (someone else's is "
    "answered the same way).",
    BookingCode.TOO_LATE_TO_CANCEL_APPOINTMENT: "On the web, cancelling inside the time type's cancellation "
    "deadline (`rules.cancel.deadline_hours`).",
    BookingCode.CANCEL_IS_NOT_ALLOWED: "The appointment cannot change any more (rejected by VAS).",
    BookingCode.NOT_ELIGIBLE: "A restricted time type (vaccination) and eligibility said no: `reason`, "
    "`rule_version` and `evidence` say why.",
    BookingCode.WEB_BOOKING_CLOSED: "Web booking is off at the clinic (rollout) or closed by the region for "
    "the clinic or time type; `phone` (and the region's message) say where to call.",
    BookingCode.CONDITIONS_NOT_CONFIRMED: "Not every condition text of the time type was confirmed: "
    "`missing_conditions`.",
    BookingCode.REASON_REQUIRED: "The time type's rules ask for a reason for this change.",
    BookingCode.SLOT_DOES_NOT_EXIST: "No time with that id.",
    BookingCode.IDEMPOTENCY_KEY_REUSED: "The `Idempotency-Key` was used before with a different request.",
    BookingCode.IDEMPOTENCY_KEY_REQUIRED: "A booking without an `Idempotency-Key` header.",
    BookingCode.CLINIC_DOES_NOT_EXIST: "No clinic with that HSA-id.",
    BookingCode.TIME_TYPE_DOES_NOT_EXIST: "No time type with that code.",
    BookingCode.RESCHEDULE_TO_OTHER_CLINIC_NOT_ALLOWED: "Moving to a time at another clinic or of another "
    "time type (cancel and book instead).",
    BookingCode.INVALID_PERSONNUMMER: "Staff gave a personnummer that is not valid (check digit, date).",
    BookingCode.ELIGIBILITY_UNAVAILABLE: "A restricted time type and the eligibility service did not answer "
    "in time: nothing was booked (fail closed). `Retry-After`.",
    BookingCode.GUIDE_NEED_DOES_NOT_EXIST: "No such need in the booking guide.",
    BookingCode.CLOSURE_DOES_NOT_EXIST: "No closure in force with that id.",
    BookingCode.TOO_MANY_BOOKINGS: "The person already has the maximum of coming web bookings across every "
    "time type (`limit`, 4 by default).",
    BookingCode.TOO_MANY_REQUESTS: "Too many bookings, holds, cancellations or moves from one identity in a "
    "short while. `Retry-After`.",
}


class BookingError(Refused):
    """A booking refusal: one of `BookingCode`."""

    def __init__(
        self,
        code: BookingCode,
        *,
        extra: dict[str, Any] | None = None,
        detail_en: str | None = None,
        detail_sv: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code, extra=extra, detail_en=detail_en, detail_sv=detail_sv, headers=headers)
