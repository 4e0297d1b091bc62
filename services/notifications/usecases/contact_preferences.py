"""A resident's contact details and consent per channel: read, and change (validated, audited)."""

from typing import Literal

from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.adapters import contacts_repo
from services.notifications.domain.contact import ContactPreferences, address_required, e164, email


async def get(engine: AsyncEngine, subject: str) -> ContactPreferences:
    async with engine.connect() as conn:
        return await contacts_repo.get(conn, subject)


async def put(
    engine: AsyncEngine,
    subject: str,
    *,
    phone: str | None,
    email_address: str | None,
    language: Literal["sv", "en"],
    sms_consent: bool,
    email_consent: bool,
) -> ContactPreferences:
    """The phone number in E.164; consent to a channel needs its address."""
    normal_phone = e164(phone) if phone else None
    normal_email = email(email_address) if email_address else None
    if sms_consent and normal_phone is None:
        raise address_required("sms")
    if email_consent and normal_email is None:
        raise address_required("email")
    prefs = ContactPreferences(normal_phone, normal_email, language, sms_consent, email_consent)
    async with engine.begin() as conn:
        await contacts_repo.put(conn, subject, prefs)
    return prefs
