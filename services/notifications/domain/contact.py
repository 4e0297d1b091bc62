"""Validating contact details: phone numbers to E.164 with `phonenumbers` (Swedish numbers by default)."""

import re
from dataclasses import dataclass

import phonenumbers

from services.notifications.domain.errors import NotificationsCode
from shared.errors import Refused


@dataclass(frozen=True)
class ContactPreferences:
    phone: str | None = None
    email: str | None = None
    language: str = "sv"
    sms_consent: bool = False
    email_consent: bool = False


_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def e164(raw: str, *, region: str = "SE") -> str:
    """``070-123 45 67`` → ``+46701234567``; refused (422) for anything not a valid number."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise Refused(NotificationsCode.INVALID_PHONE_NUMBER) from None
    if not phonenumbers.is_valid_number(number):
        raise Refused(NotificationsCode.INVALID_PHONE_NUMBER)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(raw: str) -> str:
    value = raw.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise Refused(NotificationsCode.INVALID_EMAIL_ADDRESS)
    return value


def address_required(channel: str) -> Refused:
    names = {"sms": ("a mobile phone number", "ett mobilnummer"), "email": ("an e-mail address", "en e-postadress")}
    en, sv = names[channel]
    return Refused(
        NotificationsCode.CONTACT_DETAILS_REQUIRED,
        detail_en=f"Consent to {channel} needs {en}.",
        detail_sv=f"Samtycke till {'sms' if channel == 'sms' else 'e-post'} kräver {sv}.",
    )
