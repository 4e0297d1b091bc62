"""Validating contact details: phone numbers to E.164 with `phonenumbers` (Swedish numbers by default)."""

import re

import phonenumbers

from shared.problems import Problem

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def e164(raw: str, *, region: str = "SE") -> str:
    """``070-123 45 67`` → ``+46701234567``; raises a 422 problem for anything not a valid number."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise invalid_phone() from None
    if not phonenumbers.is_valid_number(number):
        raise invalid_phone()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(raw: str) -> str:
    value = raw.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise Problem(
            422,
            "INVALID_EMAIL_ADDRESS",
            "The e-mail address is not valid.",
            "E-postadressen är inte giltig.",
        )
    return value


def invalid_phone() -> Problem:
    return Problem(
        422,
        "INVALID_PHONE_NUMBER",
        "The phone number is not a valid number.",
        "Telefonnumret är inte ett giltigt nummer.",
    )


def address_required(channel: str) -> Problem:
    names = {"sms": ("a mobile phone number", "ett mobilnummer"), "email": ("an e-mail address", "en e-postadress")}
    en, sv = names[channel]
    return Problem(
        422,
        "CONTACT_DETAILS_REQUIRED",
        f"Consent to {channel} needs {en}.",
        f"Samtycke till {'sms' if channel == 'sms' else 'e-post'} kräver {sv}.",
    )
