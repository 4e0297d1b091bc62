"""What each notifications operation can refuse with, from the catalogue (domain/errors.py), for its
OpenAPI (`shared.web.openapi.refusals`; the shared edge adds its own codes to every operation)."""

from services.notifications.domain.errors import NotificationsCode as C
from shared.web.openapi import refusals

CONTACT_PREFERENCES_PUT = refusals(C.INVALID_PHONE_NUMBER, C.INVALID_EMAIL_ADDRESS, C.CONTACT_DETAILS_REQUIRED)
RETRY = refusals(C.NOTIFICATION_NOT_FOUND, C.NOTIFICATION_NOT_FAILED)
