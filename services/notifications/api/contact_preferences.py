"""`GET/PUT /v1/me/contact-preferences`: the resident's phone, e-mail, language and consent per channel.

In production these come from the portal's profile; here the resident sets them. A withdrawn
consent applies to every message not yet sent, at once.
"""

from typing import Literal

from fastapi import APIRouter
from pydantic import ConfigDict, Field

from services.notifications.api import refusals
from services.notifications.api.deps import AppDep
from services.notifications.domain.contact import ContactPreferences
from services.notifications.usecases import contact_preferences
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
    return _view(await contact_preferences.get(app.engine, me.personnummer))


@router.put("/contact-preferences", responses=refusals.CONTACT_PREFERENCES_PUT)
async def put_preferences(body: Preferences, app: AppDep, me: ResidentDep) -> Preferences:
    prefs = await contact_preferences.put(
        app.engine,
        me.personnummer,
        phone=body.phone,
        email_address=body.email,
        language=body.language,
        sms_consent=body.consent.sms,
        email_consent=body.consent.email,
    )
    return _view(prefs)
