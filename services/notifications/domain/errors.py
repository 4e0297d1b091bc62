"""Notifications' refusals: stable codes with the HTTP status and the text in English and Swedish."""

from enum import unique

from shared.errors import ErrorCode


@unique
class NotificationsCode(ErrorCode):
    INVALID_PHONE_NUMBER = (422, "The phone number is not a valid number.", "Telefonnumret är inte ett giltigt nummer.")
    INVALID_EMAIL_ADDRESS = (422, "The e-mail address is not valid.", "E-postadressen är inte giltig.")
    CONTACT_DETAILS_REQUIRED = (
        422,
        "Consent to a channel needs its address (a mobile number for SMS, an e-mail address for e-mail).",
        "Samtycke till en kanal kräver dess adress (ett mobilnummer för sms, en e-postadress för e-post).",
    )
    NOTIFICATION_NOT_FOUND = (404, "No such notification.", "Det finns ingen sådan avisering.")
    NOTIFICATION_NOT_FAILED = (
        409,
        "Only a notification that failed for good can be retried (see `status`).",
        "Bara en avisering som misslyckats för gott kan skickas igen (se `status`).",
    )


# When each code is answered (docs/errors.md: `python -m deploy.docs`).
WHEN: dict[ErrorCode, str] = {
    NotificationsCode.INVALID_PHONE_NUMBER: "The phone number cannot be read as a number (E.164 after "
    "normalising Swedish forms).",
    NotificationsCode.INVALID_EMAIL_ADDRESS: "The e-mail address is not valid.",
    NotificationsCode.CONTACT_DETAILS_REQUIRED: "Consent to a channel without its address (`channel`).",
    NotificationsCode.NOTIFICATION_NOT_FOUND: "No notification with that id.",
    NotificationsCode.NOTIFICATION_NOT_FAILED: "Retrying a notification that has not failed for good (`status`).",
}
