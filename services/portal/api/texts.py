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
    "no_free": {"sv": "Inga lediga tider just nu.", "en": "No free times right now."},
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
    "other_site": {
        "sv": "Inloggning från en annan webbplats nekas.",
        "en": "A login from another site is refused.",
    },
    "other_site_change": {
        "sv": "En ändring som skickas från en annan webbplats nekas. Gör ändringen här i Tidbok.",
        "en": "A change sent from another site is refused. Make the change here in Tidbok.",
    },
    "bad_pnr": {"sv": "Det är inte ett giltigt personnummer.", "en": "That is not a valid personal identity number."},
    "status_rejected_why": {
        "sv": "Mottagningen kunde inte ta emot bokningen. Välj en annan tid eller ring mottagningen.",
        "en": "The clinic could not take the booking. Choose another time or call the clinic.",
    },
    "staff_login_failed": {
        "sv": "Inloggningen misslyckades. Kontrollera HSA-id och mottagning.",
        "en": "The login failed. Check the HSA-id and the clinic.",
    },
    "guide": {"sv": "Vad behöver du hjälp med?", "en": "What do you need help with?"},
    "guide_self": {
        "sv": "Jag vet redan vilken mottagning och vilken sorts tid jag vill boka",
        "en": "I already know which clinic and which kind of time I want",
    },
    "recommended": {"sv": "Vi föreslår", "en": "We suggest"},
    "alternatives": {"sv": "Eller", "en": "Or"},
    "call": {"sv": "Ring", "en": "Call"},
    "no_booking": {"sv": "Boka inte en tid för detta.", "en": "Do not book an appointment for this."},
    "your_town": {"sv": "Din kommun", "en": "Your municipality"},
    "show": {"sv": "Visa", "en": "Show"},
    "first_free": {"sv": "Första lediga tid", "en": "First free time"},
    "phone_only": {"sv": "Bokas per telefon", "en": "Booked by phone"},
    "web_closed": {"sv": "Webbokningen är stängd just nu", "en": "Web booking is closed right now"},
    "preferences": {"sv": "Påminnelser och kontaktuppgifter", "en": "Reminders and contact details"},
    "preferences_intro": {
        "sv": "Vi påminner dig före din tid, med sms eller e-post om du samtycker till det. "
        "Ändringar gäller alla påminnelser som inte har skickats än.",
        "en": "We remind you before your appointment, by text message or e-mail if you consent to it. "
        "Changes apply to every reminder not yet sent.",
    },
    "phone": {"sv": "Mobilnummer", "en": "Mobile number"},
    "email": {"sv": "E-postadress", "en": "E-mail address"},
    "sms_consent": {"sv": "Ja, påminn mig med sms", "en": "Yes, remind me by text message"},
    "email_consent": {"sv": "Ja, påminn mig med e-post", "en": "Yes, remind me by e-mail"},
    "message_language": {"sv": "Språk i påminnelserna", "en": "Language of the reminders"},
    "save": {"sv": "Spara", "en": "Save"},
    "saved": {"sv": "Sparat.", "en": "Saved."},
    "staff": {"sv": "Personal", "en": "Staff"},
    "unreachable": {
        "sv": "Tjänsten svarar inte just nu. Försök igen om en stund.",
        "en": "The service does not answer right now. Please try again in a while.",
    },
}

ROLES: dict[str, dict[str, str]] = {
    "doctor": {"sv": "läkare", "en": "doctor"},
    "nurse": {"sv": "sjuksköterska", "en": "nurse"},
    "vaccinator": {"sv": "vaccinatör", "en": "vaccinator"},
    "physiotherapist": {"sv": "fysioterapeut", "en": "physiotherapist"},
    "psychologist": {"sv": "psykolog", "en": "psychologist"},
    "midwife": {"sv": "barnmorska", "en": "midwife"},
    "counsellor": {"sv": "kurator", "en": "counsellor"},
}

_TRY_AGAIN = {
    "sv": "Något gick fel hos oss. Försök igen om en stund, eller ring mottagningen.",
    "en": "Something went wrong on our side. Please try again in a while, or call the clinic.",
}
_START_OVER = {
    "sv": "Något i bokningen stämde inte. Börja om från början.",
    "en": "Something in the booking was not right. Please start again.",
}
_LOG_IN = {"sv": "Du behöver logga in igen.", "en": "You need to log in again."}

# Every code the APIs the portal calls can answer, as a resident should read it, and what to do
# next (tests/unit/test_portal_texts.py checks that none is missing).
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
    "REQUESTED_TIME_HAS_ALREADY_PASSED": {
        "sv": "Tiden har redan passerat. Välj en annan tid.",
        "en": "The time has already passed. Please choose another time.",
    },
    "TOO_LATE_TO_MAKE_APPOINTMENT": {
        "sv": "Tiden är för nära för att bokas på webben. Välj en senare tid eller ring mottagningen.",
        "en": "The time is too close to book on the web. Choose a later time or call the clinic.",
    },
    "APPOINTMENT_IS_NOT_ALLOWED": {
        "sv": "Den här tiden kan inte bokas på webben. Ring mottagningen.",
        "en": "This time cannot be booked on the web. Please call the clinic.",
    },
    # APPOINTMENT_IS_NOT_ALLOWED with the per-person limit of the kind (`extra.limit`).
    "APPOINTMENT_LIMIT_REACHED": {
        "sv": "Du har redan en bokad tid av det här slaget, och fler än så går inte att boka. "
        "Du hittar den under Mina tider; avboka den först om du vill välja en annan tid.",
        "en": "You already have a booked time of this kind, and no more can be booked. "
        "You find it under My appointments; cancel it first if you want to choose another time.",
    },
    "APPOINTMENT_IS_ALREADY_CANCELED": {
        "sv": "Tiden är redan avbokad. Boka en ny tid om du behöver.",
        "en": "The appointment is already cancelled. Book a new time if you need one.",
    },
    "TOO_LATE_TO_UPDATE_APPOINTMENT": {
        "sv": "Det är för sent att boka om på webben. Ring mottagningen.",
        "en": "It is too late to rebook on the web. Please call the clinic.",
    },
    "APPOINTMENT_DOES_NOT_EXIST": {
        "sv": "Vi hittar inte den tiden. Titta i Mina tider.",
        "en": "We cannot find that appointment. Please look in My appointments.",
    },
    "CANCEL_IS_NOT_ALLOWED": {
        "sv": "Den här tiden kan inte avbokas på webben. Ring mottagningen.",
        "en": "This appointment cannot be cancelled on the web. Please call the clinic.",
    },
    "WEB_BOOKING_CLOSED": {
        "sv": "Webbokningen är stängd för detta just nu. Ring oss så hjälper vi dig.",
        "en": "Web booking is closed for this right now. Call us and we will help you.",
    },
    "CONDITIONS_NOT_CONFIRMED": {
        "sv": "Du behöver bekräfta varje villkor innan du bokar. Kryssa i rutorna och försök igen.",
        "en": "You need to confirm each condition before you book. Tick the boxes and try again.",
    },
    "REASON_REQUIRED": {"sv": "Skriv en anledning och försök igen.", "en": "Write a reason and try again."},
    "SLOT_DOES_NOT_EXIST": {
        "sv": "Välj en av de lediga tiderna och försök igen.",
        "en": "Choose one of the free times and try again.",
    },
    "IDEMPOTENCY_KEY_REUSED": _START_OVER,
    "IDEMPOTENCY_KEY_REQUIRED": _START_OVER,
    "CLINIC_DOES_NOT_EXIST": {
        "sv": "Vi hittar inte mottagningen. Välj en mottagning i listan.",
        "en": "We cannot find the clinic. Please choose one from the list.",
    },
    "TIME_TYPE_DOES_NOT_EXIST": {
        "sv": "Vi hittar inte den sortens tid. Välj i listan.",
        "en": "We cannot find that kind of time. Please choose from the list.",
    },
    "RESCHEDULE_TO_OTHER_CLINIC_NOT_ALLOWED": {
        "sv": "En tid kan bara flyttas inom samma mottagning. Avboka och boka en ny tid i stället.",
        "en": "A time can only move within the same clinic. Cancel it and book a new one instead.",
    },
    "INVALID_PERSONNUMMER": {
        "sv": "Personnumret stämmer inte. Kontrollera det och försök igen.",
        "en": "The personal identity number is not right. Check it and try again.",
    },
    "ELIGIBILITY_UNAVAILABLE": {
        "sv": "Vi kan inte kontrollera vem som får boka just nu. Försök igen om en stund.",
        "en": "We cannot check who may book right now. Please try again in a while.",
    },
    "GUIDE_NEED_DOES_NOT_EXIST": {
        "sv": "Det valet finns inte längre. Välj igen i listan.",
        "en": "That choice is no longer there. Please choose again from the list.",
    },
    "CLOSURE_DOES_NOT_EXIST": _START_OVER,
    "TOO_MANY_BOOKINGS": {
        "sv": "Du har redan så många tider som går att boka av det här slaget. Avboka en om du vill boka en ny.",
        "en": "You already have as many times of this kind as can be booked. Cancel one to book another.",
    },
    "TOO_MANY_REQUESTS": {
        "sv": "Många bokar just nu. Vänta en liten stund och försök igen.",
        "en": "Many people are booking right now. Please wait a moment and try again.",
    },
    "INVALID_PHONE_NUMBER": {
        "sv": "Mobilnumret går inte att läsa. Skriv det till exempel som 070-123 45 67.",
        "en": "The mobile number cannot be read. Write it for example as 070-123 45 67.",
    },
    "INVALID_EMAIL_ADDRESS": {
        "sv": "E-postadressen stämmer inte. Kontrollera den och försök igen.",
        "en": "The e-mail address is not right. Check it and try again.",
    },
    "CONTACT_DETAILS_REQUIRED": {
        "sv": "Skriv ett mobilnummer för sms och en e-postadress för e-post innan du samtycker.",
        "en": "Write a mobile number for text messages and an e-mail address for e-mail before you consent.",
    },
    "MALFORMED_JSON": _START_OVER,
    "INVALID_REQUEST": _START_OVER,
    "INVALID_CHARACTERS": {
        "sv": "Texten innehåller tecken som inte går att använda. Ändra och försök igen.",
        "en": "The text holds characters that cannot be used. Change it and try again.",
    },
    "INVALID_CURSOR": _START_OVER,
    "INVALID_TIME_RANGE": _START_OVER,
    "PAYLOAD_TOO_LARGE": _START_OVER,
    "HEADERS_TOO_LARGE": _START_OVER,
    "MALFORMED_REQUEST": _START_OVER,
    "UNAUTHORIZED": _LOG_IN,
    "IDENTITY_PROVIDER_UNAVAILABLE": {
        "sv": "Inloggningen fungerar inte just nu. Försök igen om en stund.",
        "en": "Logging in does not work right now. Please try again in a while.",
    },
    "FORBIDDEN": {
        "sv": "Du har inte behörighet till detta.",
        "en": "You are not allowed to do this.",
    },
    "NOT_FOUND": {"sv": "Sidan eller uppgiften finns inte.", "en": "The page or the item does not exist."},
    "METHOD_NOT_ALLOWED": _START_OVER,
    "REQUEST_TIMEOUT": _TRY_AGAIN,
    "INTERNAL_ERROR": _TRY_AGAIN,
    "SERVICE_UNAVAILABLE": _TRY_AGAIN,
    "SERVICE_BUSY": {
        "sv": "Många bokar just nu. Vänta en liten stund och försök igen.",
        "en": "Many people are booking right now. Please wait a moment and try again.",
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


def refusal_text(code: str, lang: str, detail_sv: str, detail_en: str, extra: dict[str, Any] | None = None) -> str:
    """Our words for a code we know; else the API's own words in the language (never the code)."""
    if code == "APPOINTMENT_IS_NOT_ALLOWED" and (extra or {}).get("limit"):
        code = "APPOINTMENT_LIMIT_REACHED"
    known = REFUSALS.get(code)
    if known:
        return known[lang]
    own = detail_sv if lang == "sv" else detail_en
    return own or UI["unreachable"][lang]


def role_of(role: str | None, lang: str) -> str:
    return ROLES.get(role or "", {}).get(lang, role or "")


def t(key: str, lang: str) -> str:
    return UI[key][lang]


def name_of(item: dict[str, Any], lang: str) -> str:
    return str(item.get(f"name_{lang}") or item.get("name") or item.get("code") or "")
