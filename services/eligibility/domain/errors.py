"""Eligibility's refusals: stable codes with the HTTP status and the text in English and Swedish."""

from enum import unique

from shared.errors import ErrorCode


@unique
class EligibilityCode(ErrorCode):
    CAMPAIGN_DOES_NOT_EXIST = (404, "There is no such campaign.", "Det finns ingen sådan kampanj.")
    CAMPAIGN_CODE_MISMATCH = (
        422,
        "The body's code differs from the URL's.",
        "Koden i innehållet skiljer sig från adressens.",
    )
    REGISTER_DOES_NOT_EXIST = (404, "There is no such register.", "Det finns inget sådant register.")
    IMPORT_REJECTED = (
        422,
        "The file has bad rows; nothing was imported. See `errors` (line numbers as in the file).",
        "Filen har felaktiga rader; ingenting importerades. Se `errors` (radnummer som i filen).",
    )
    PHASE_TAKES_NO_INVITATIONS = (
        422,
        "That phase does not exist or does not open with invitations.",
        "Den fasen finns inte eller öppnar inte med kallelser.",
    )
    BATCH_DOES_NOT_EXIST = (404, "There is no such batch.", "Det finns ingen sådan omgång.")
    FOLLOW_UP_DOES_NOT_EXIST = (404, "There is no such follow-up.", "Det finns ingen sådan uppföljning.")
    FOLLOW_UP_ALREADY_DECIDED = (
        409,
        "This follow-up is already decided (see `status`).",
        "Uppföljningen är redan avgjord (se `status`).",
    )


# When each code is answered (docs/errors.md: `python -m deploy.docs`).
WHEN: dict[ErrorCode, str] = {
    EligibilityCode.CAMPAIGN_DOES_NOT_EXIST: "No campaign with that code.",
    EligibilityCode.CAMPAIGN_CODE_MISMATCH: "The campaign document's `code` differs from the one in the path.",
    EligibilityCode.REGISTER_DOES_NOT_EXIST: "No register of that kind (home care, households, staff roster).",
    EligibilityCode.IMPORT_REJECTED: "A CSV import had rows that are not valid: `errors` reports each row "
    "and field (never the value), and nothing was imported.",
    EligibilityCode.PHASE_TAKES_NO_INVITATIONS: "Invitations asked for a phase that has no invitation criterion.",
    EligibilityCode.BATCH_DOES_NOT_EXIST: "No invitation batch with that id.",
    EligibilityCode.FOLLOW_UP_DOES_NOT_EXIST: "No follow-up with that appointment id among the staff member's clinics.",
    EligibilityCode.FOLLOW_UP_ALREADY_DECIDED: "The follow-up was confirmed or cancelled already (`status`).",
}
