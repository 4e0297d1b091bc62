"""The port to the eligibility service: restricted time types need a decision before booking."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from services.booking.domain.errors import BookingCode, BookingError


@dataclass(frozen=True)
class EligibilityQuestion:
    subject: str
    time_type_code: str
    clinic_hsa_id: str
    start: datetime
    channel: str
    actor_id: str | None
    invitation_code: str | None
    staff_attested: bool
    self_declared_group: str | None = None
    appointment_id: uuid.UUID | None = None
    purpose: str = "book"  # book | hold | reschedule


@dataclass(frozen=True)
class Decision:
    eligible: bool
    reason: str
    rule_version: str | None = None
    self_declared: bool = False
    evidence: dict[str, str] = field(default_factory=dict)


def refused(decision: Decision) -> BookingError:
    """The refusal a negative decision answers, with its reason, rule version and evidence."""
    return BookingError(
        BookingCode.NOT_ELIGIBLE,
        extra={"reason": decision.reason, "rule_version": decision.rule_version, "evidence": decision.evidence},
    )


class Eligibility(Protocol):
    async def decide(self, question: EligibilityQuestion) -> Decision: ...
