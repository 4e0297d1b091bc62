"""The port to the eligibility service: restricted time types need a decision before booking."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


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


class Eligibility(Protocol):
    async def decide(self, question: EligibilityQuestion) -> Decision: ...
