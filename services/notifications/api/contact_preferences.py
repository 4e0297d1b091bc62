"""`GET/PUT /v1/me/contact-preferences`: the resident's phone, e-mail, language and consent per channel.

In production these come from the portal's profile; here the resident sets them. A withdrawn
consent applies to every message not yet sent, at once.
"""

from typing import Literal

from fastapi import APIRouter
from pydantic import ConfigDict, Field

from services.notifications.adapters import contacts_repo
from services.notifications.adapters.contacts_repo import ContactPreferences
from services.notifications.api.deps import AppDep
from services.notifications.domain.contact import address_required, e164, email
from shared.request import RequestModel
from shared.web.principals import ResidentDep

router = APIRouter(prefix="/v1/me", tags=["contact preferences"])


class Consent(RequestModel):
    model_config = ConfigDict(extra="forbid")

    sms: bool = False
    email: bool = False


class Preferences(RequestModel):
    model_config = ConfigDict(extra="forbid")

    phone: str | None = Field(default=None, max_length=40, description="Mobile number; stored in E.164")
    email: str | None = Field(default=None, max_length=254)
    language: Literal["sv", "en"] = "sv"
    consent: Consent = Field(default_factory=Consent)


def _view(prefs: ContactPreferences) -> Preferences:
    return Preferences(
        phone=prefs.phone,
        email=prefs.email,
        language="en" if prefs.language == "en" else "sv",
        consent=Consent(sms=prefs.sms_consent, email=prefs.email_consent),
    )


@router.get("/contact-preferences")
async def get_preferences(app: AppDep, me: ResidentDep) -> Preferences:
    async with app.engine.connect() as conn:
        return _view(await contacts_repo.get(conn, me.personnummer))


@router.put("/contact-preferences")
async def put_preferences(body: Preferences, app: AppDep, me: ResidentDep) -> Preferences:
    phone = e164(body.phone) if body.phone else None
    address = email(body.email) if body.email else None
    if body.consent.sms and phone is None:
        raise address_required("sms")
    if body.consent.email and address is None:
        raise address_required("email")
    prefs = ContactPreferences(phone, address, body.language, body.consent.sms, body.consent.email)
    async with app.engine.begin() as conn:
        await contacts_repo.put(conn, me.personnummer, prefs)
    return _view(prefs)
