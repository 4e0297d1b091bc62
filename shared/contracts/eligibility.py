"""Eligibility: the decision request/reply between booking and eligibility, and eligibility's
command to booking (staff cancel a booking from the follow-up list).

`subject` is a personnummer: it travels only in message bodies, never in routing keys,
headers or logs. Decisions carry minimal evidence (criterion, phase) — never a birth date.
"""

import re
import uuid

from pydantic import AwareDatetime, Field

from shared.contracts.common import Channel
from shared.messaging.envelope import Contract

DECISION_QUEUE = "eligibility.decisions"  # prefixed with the namespace


def decision_queue(namespace: str) -> str:
    return f"{namespace}.{DECISION_QUEUE}"


_CODE_NOISE = re.compile(r"[\s-]+")


def canonical_invitation_code(code: str) -> str:
    """Codes are printed in groups (``K7QM-2XD4-9R``); case, spaces and dashes do not matter."""
    return _CODE_NOISE.sub("", code).upper()


class DecideEligibility(Contract):
    """Request: may `subject` book this restricted time now? Answered on `reply_to`."""

    message_type = "eligibility.decide"

    subject: str
    time_type_code: str
    clinic_hsa_id: str
    start: AwareDatetime
    channel: Channel
    actor_id: str | None = None  # staff HSA-id (phone line, staff link)
    invitation_code: str | None = Field(default=None, max_length=100)
    staff_attested: bool = False
    self_declared_group: str | None = Field(default=None, max_length=64)
    appointment_id: uuid.UUID | None = None
    purpose: str = "book"  # book | hold (a hold is not followed up) | reschedule (the booking moves)


class EligibilityDecided(Contract):
    """Reply. `reason` is a stable code (AGE_80_PLUS, HOME_CARE, ..., NOT_ELIGIBLE_*)."""

    message_type = "eligibility.decided"

    eligible: bool
    reason: str
    rule_version: str | None = None
    self_declared: bool = False
    needs_review: bool = False
    evidence: dict[str, str] = Field(default_factory=dict)


class CancelAppointmentForEligibility(Contract):
    """Command to booking: staff cancelled this booking from the follow-up list.

    Carries who acted and for which clinics (`staff_clinics`, HSA-ids; None for a regional
    administrator, who acts for the whole region): booking checks the scope again."""

    message_type = "eligibility.cancel-appointment"
    schema_version = 2

    appointment_id: uuid.UUID
    staff_hsa_id: str = Field(max_length=64)
    staff_clinics: list[str] | None = Field(max_length=500)
    reason: str | None = Field(default=None, max_length=500)
