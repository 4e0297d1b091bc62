"""What each eligibility operation can refuse with, from the catalogue (domain/errors.py), for its
OpenAPI (`shared.web.openapi.refusals`; the shared edge adds its own codes to every operation)."""

from services.eligibility.domain.errors import EligibilityCode as C
from shared.web.openapi import refusals

CAMPAIGN_PUT = refusals(C.CAMPAIGN_CODE_MISMATCH)
CAMPAIGN = refusals(C.CAMPAIGN_DOES_NOT_EXIST)
REGISTER_IMPORT = refusals(C.REGISTER_DOES_NOT_EXIST, C.IMPORT_REJECTED)
INVITATIONS = refusals(C.CAMPAIGN_DOES_NOT_EXIST, C.PHASE_TAKES_NO_INVITATIONS, C.IMPORT_REJECTED)
BATCH = refusals(C.BATCH_DOES_NOT_EXIST, C.CAMPAIGN_DOES_NOT_EXIST)
FOLLOW_UP_DECISION = refusals(C.FOLLOW_UP_DOES_NOT_EXIST, C.FOLLOW_UP_ALREADY_DECIDED)
