"""Answering a decision request: read the facts, apply the campaign in force, record the decision.

A read: nothing is published, so no outbox. The decision record is the audit trail and
what the appointment events are matched against (invitation redeemed, follow-up needed).
"""

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.adapters import decisions_repo, facts_repo
from services.eligibility.adapters.campaign_repo import CampaignCache
from services.eligibility.domain.rules import decide
from shared import direct
from shared.contracts.eligibility import DecideEligibility, EligibilityDecided, canonical_invitation_code
from shared.identity import InvalidPersonnummer, normalize


async def answer(engine: AsyncEngine, cache: CampaignCache, question: DecideEligibility) -> EligibilityDecided:
    try:
        subject = normalize(question.subject)
    except InvalidPersonnummer:
        return EligibilityDecided(eligible=False, reason="NOT_ELIGIBLE_INVALID_PERSONNUMMER")
    code = canonical_invitation_code(question.invitation_code) if question.invitation_code else None
    # Two round trips on the driver connection, no transaction: the read (campaign and facts),
    # then the decision's record, which commits on its own.
    async with direct.connection(engine) as db:
        read = await facts_repo.read(
            db,
            subject=subject,
            time_type=question.time_type_code,
            actor_id=question.actor_id,
            invitation_code=code,
            moving=question.appointment_id if question.purpose == "reschedule" else None,
        )
        found = None if read.campaign is None else await cache.parsed(db, *read.campaign)
        if found is None:
            decision = EligibilityDecided(eligible=False, reason="NOT_ELIGIBLE_NO_CAMPAIGN")
        else:
            campaign, version = found
            decision = decide(
                campaign=campaign,
                version=version,
                question=question.model_copy(update={"subject": subject}),
                facts=read.facts,
                now=datetime.now(UTC),
            )
        await decisions_repo.record(
            db,
            {
                "subject": subject,
                "time_type_code": question.time_type_code,
                "appointment_id": question.appointment_id,
                "channel": question.channel,
                "actor_id": question.actor_id,
                "purpose": question.purpose,
                "eligible": decision.eligible,
                "reason": decision.reason,
                "rule_version": decision.rule_version,
                "self_declared": decision.self_declared,
                "needs_review": decision.needs_review,
                "invitation_code": code if decision.reason == "INVITATION" else None,
                "evidence": decision.evidence,
            },
        )
    return decision
