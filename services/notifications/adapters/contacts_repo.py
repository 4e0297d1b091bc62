"""A resident's contact details and consent per channel (keyed by personnummer; never logged)."""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.notifications.adapters.tables import audit_log, contact_preferences
from services.notifications.domain.contact import ContactPreferences
from shared.db import Executor


async def get(session: Executor, subject: str) -> ContactPreferences:
    row = (
        await session.execute(sa.select(contact_preferences).where(contact_preferences.c.subject == subject))
    ).first()
    if row is None:
        return ContactPreferences()
    m = row._mapping
    return ContactPreferences(m["phone"], m["email"], m["language"], m["sms_consent"], m["email_consent"])


async def put(session: Executor, subject: str, prefs: ContactPreferences) -> None:
    """Store the preferences, and audit the change: which channels, consent and language — never
    the number or address themselves."""
    before = await get(session, subject)
    changed = {
        "phone": "changed" if prefs.phone != before.phone else "unchanged",
        "email": "changed" if prefs.email != before.email else "unchanged",
        "language": prefs.language,
        "sms_consent": prefs.sms_consent,
        "email_consent": prefs.email_consent,
    }
    await session.execute(
        audit_log.insert().values(
            action="contact_preferences_changed", actor="citizen", actor_id=None, subject=subject, details=changed
        )
    )
    values = {
        "phone": prefs.phone,
        "email": prefs.email,
        "language": prefs.language,
        "sms_consent": prefs.sms_consent,
        "email_consent": prefs.email_consent,
        "updated_at": sa.func.now(),
    }
    statement = insert(contact_preferences).values(subject=subject, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=["subject"], set_=values))
