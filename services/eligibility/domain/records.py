"""What eligibility keeps, as the use cases hand it on: a campaign's versions, the decisions it
made, the invitations it printed and the call-back list. Fields are named like their columns."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class CampaignInForce:
    code: str
    version: int
    document: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CampaignVersion:
    code: str
    version: int
    document: dict[str, Any]
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class Decision:
    """One answer to "may this person book this time type?", kept for audit and to act on later."""

    id: int
    at: datetime
    subject: str
    time_type_code: str
    appointment_id: uuid.UUID | None
    channel: str
    actor_id: str | None
    purpose: str
    eligible: bool
    reason: str
    rule_version: str | None
    self_declared: bool
    needs_review: bool
    invitation_code: str | None
    evidence: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Invitation:
    """A printed invitation: the code is the ticket; name and address are for the letter only."""

    code: str
    subject: str
    campaign_code: str
    phase: str
    batch_id: uuid.UUID
    valid_from: datetime
    valid_until: datetime
    name: str
    address: dict[str, str]
    redeemed_by: uuid.UUID | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A booking on the call-back list: it passed only by self-declaration or attestation."""

    appointment_id: uuid.UUID
    subject: str
    time_type_code: str
    clinic_hsa_id: str
    start_at: datetime
    reason: str
    rule_version: str | None
    channel: str
    status: str  # open | confirmed | cancelling | cancelled
    decided_by: str | None
    decided_at: datetime | None
    created_at: datetime
