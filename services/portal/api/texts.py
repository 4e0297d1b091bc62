"""What the portal says, in Swedish and English; and every refusal the booking API can give as
plain words with a next step (no raw codes on screen)."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

UI: dict[str, dict[str, str]] = {
    "title": {"sv": "Boka tid i vården", "en": "Book a care appointment"},
    "login": {"sv": "Logga in", "en": "Log in"},
    "login_intro": {
        "sv": "Logga in med e-legitimation. Här, i demon, väljer du en testperson.",
        "en": "Log in with your e-ID. Here, in the demo, you choose a test person.",
    },
    "or_pnr": {"sv": "Eller skriv ett testpersonnummer", "en": "Or type a test personal identity number"},
    "pnr": {"sv": "Personnummer (ÅÅÅÅMMDD-NNNN)", "en": "Personal identity number (YYYYMMDD-NNNN)"},
    "logout": {"sv": "Logga ut", "en": "Log out"},
    "mine": {"sv": "Mina tider", "en": "My appointments"},
    "book": {"sv": "Boka tid", "en": "Book an appointment"},
    "years": {"sv": "år", "en": "years"},
    "none": {"sv": "Du har inga bokade tider.", "en": "You have no appointments."},
    "cancel": {"sv": "Avboka", "en": "Cancel"},
    "cancel_q": {"sv": "Vill du avboka tiden?", "en": "Do you want to cancel the appointment?"},
    "clinic": {"sv": "Välj mottagning", "en": "Choose a clinic"},
    "type": {"sv": "Vad gäller det?", "en": "What is it about?"},
    "conditions": {"sv": "Läs och bekräfta", "en": "Read and confirm"},
    "confirm_each": {
        "sv": "Kryssa i varje ruta för att bekräfta att det stämmer.",
        "en": "Tick each box to confirm that it is true.",
    },
    "next": {"sv": "Nästa", "en": "Next"},
    "times": {"sv": "Välj tid", "en": "Choose a time"},
    "no_times": {"sv": "Inga lediga tider den här veckan.", "en": "No free times this week."},
    "prev_week": {"sv": "Föregående vecka", "en": "Previous week"},
    "next_week": {"sv": "Nästa vecka", "en": "Next week"},
    "confirm": {"sv": "Bekräfta bokningen", "en": "Confirm the booking"},
    "status_pending": {"sv": "Vi bokar tiden hos mottagningen …", "en": "We are booking the time with the clinic …"},
    "status_booked": {"sv": "Bokad", "en": "Booked"},
    "status_rejected": {"sv": "Tiden kunde inte bokas", "en": "The time could not be booked"},
    "status_cancelled": {"sv": "Avbokad", "en": "Cancelled"},
    "status_completed": {"sv": "Genomförd", "en": "Completed"},
    "status_no_show": {"sv": "Uteblev", "en": "Missed"},
    "other_time": {"sv": "Välj en annan tid", "en": "Choose another time"},
    "back_mine": {"sv": "Till mina tider", "en": "To my appointments"},
    "by_phone": {"sv": "bokad per telefon eller av mottagningen", "en": "booked by phone or by the clinic"},
    "lang_switch": {"sv": "In English", "en": "På svenska"},
    "unreachable": {
        "sv": "Tjänsten svarar inte just nu. Försök igen om en stund.",
        "en": "The service does not answer right now. Please try again in a while.",
    },
}

# The booking API's codes, as a resident should read them, and what to do next.
REFUSALS: dict[str, dict[str, str]] = {
    "REQUESTED_TIME_IS_ALREADY_RESERVED": {
        "sv": "Någon annan hann boka tiden. Välj en annan tid.",
        "en": "Someone else booked the time first. Please choose another time.",
    },
    "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE": {
        "sv": "Tiden finns inte längre. Välj en annan tid.",
        "en": "The time is no longer available. Please choose another time.",
    },
    "TOO_LATE_TO_CANCEL_APPOINTMENT": {
        "sv": "Det är för sent att avboka på webben. Ring mottagningen.",
        "en": "It is too late to cancel on the web. Please call the clinic.",
    },
    "USER_IS_ALREADY_OCCUPIED": {
        "sv": "Du har redan en tid som krockar. Välj en annan tid.",
        "en": "You already have an appointment at that time. Please choose another time.",
    },
    "NOT_ELIGIBLE": {
        "sv": "Du kan inte boka den här tiden på webben ännu.",
        "en": "You cannot book this time on the web yet.",
    },
}
# Why eligibility said no (the API's `reason`), in words a resident understands.
NOT_ELIGIBLE_REASONS: dict[str, dict[str, str]] = {
    "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP": {
        "sv": "Du tillhör inte de grupper som kan boka vaccinationen nu.",
        "en": "You are not in the groups that can book the vaccination now.",
    },
    "NOT_ELIGIBLE_PHASE_NOT_OPEN": {
        "sv": "Bokningen för din grupp har inte öppnat ännu.",
        "en": "Booking for your group has not opened yet.",
    },
    "NOT_ELIGIBLE_INVITATION_INVALID": {
        "sv": "Koden från kallelsen stämmer inte. Kontrollera den och försök igen.",
        "en": "The code from the invitation letter is not right. Check it and try again.",
    },
    "NOT_ELIGIBLE_INVITATION_USED": {
        "sv": "Koden från kallelsen har redan använts för en bokning.",
        "en": "The code from the invitation letter has already been used for a booking.",
    },
    "NOT_ELIGIBLE_INVITATION_NOT_VALID_NOW": {
        "sv": "Koden från kallelsen gäller inte just nu.",
        "en": "The code from the invitation letter is not valid right now.",
    },
    "NOT_ELIGIBLE_ALREADY_BOOKED": {
        "sv": "Du har redan en bokad tid för vaccinationen.",
        "en": "You already have a time booked for the vaccination.",
    },
    "NOT_ELIGIBLE_DOSE_INTERVAL": {
        "sv": "Det har inte gått tillräckligt lång tid sedan förra dosen.",
        "en": "Not enough time has passed since the previous dose.",
    },
    "NOT_ELIGIBLE_NO_EARLIER_DOSE": {
        "sv": "Du behöver ha en tid för första dosen först.",
        "en": "You need a time for the first dose first.",
    },
    "NOT_ELIGIBLE_NOT_ON_STAFF_ROSTER": {
        "sv": "Du finns inte på personallistan.",
        "en": "You are not on the staff roster.",
    },
}


def why_not_eligible(extra: dict[str, Any], lang: str) -> list[str]:
    """The reason eligibility gave, and when the resident can book, if it said."""
    lines = []
    reason = NOT_ELIGIBLE_REASONS.get(str(extra.get("reason") or ""))
    if reason:
        lines.append(reason[lang])
    opens = (extra.get("evidence") or {}).get("next_phase_opens")
    if opens:
        try:
            day = datetime.fromisoformat(str(opens)).astimezone(STOCKHOLM).date()
        except ValueError:
            day = None
        if day is not None:
            when = f"{day.day}/{day.month} {day.year}"
            lines.append(f"Du kan boka från {when}." if lang == "sv" else f"You can book from {when}.")
    return lines


def refusal_text(code: str, lang: str, detail_sv: str, detail_en: str) -> str:
    """Our words for a code we know; else the API's own words in the language (never the code)."""
    known = REFUSALS.get(code)
    if known:
        return known[lang]
    own = detail_sv if lang == "sv" else detail_en
    return own or UI["unreachable"][lang]


def t(key: str, lang: str) -> str:
    return UI[key][lang]


def name_of(item: dict[str, Any], lang: str) -> str:
    return str(item.get(f"name_{lang}") or item.get("name") or item.get("code") or "")
