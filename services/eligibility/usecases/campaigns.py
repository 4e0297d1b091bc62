"""Campaign rules as versioned data: read, and change (a new version, audited)."""

from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.adapters import campaign_repo
from services.eligibility.domain.campaign import Campaign
from services.eligibility.domain.errors import EligibilityCode
from services.eligibility.domain.records import CampaignInForce, CampaignVersion
from shared.errors import Refused


async def save(engine: AsyncEngine, code: str, campaign: Campaign, *, changed_by: str) -> int:
    if campaign.code != code:
        raise Refused(EligibilityCode.CAMPAIGN_CODE_MISMATCH)
    async with engine.begin() as session:
        return await campaign_repo.save(session, campaign, changed_by=changed_by)


async def current(engine: AsyncEngine, code: str) -> CampaignInForce:
    """The row in force (version, document); refused when there is no such campaign."""
    async with engine.connect() as session:
        row = await campaign_repo.current(session, code)
    if row is None:
        raise Refused(EligibilityCode.CAMPAIGN_DOES_NOT_EXIST)
    return row


async def campaign(engine: AsyncEngine, code: str) -> Campaign:
    return Campaign.model_validate((await current(engine, code)).document)


async def versions(engine: AsyncEngine, code: str) -> list[CampaignVersion]:
    async with engine.connect() as session:
        rows = await campaign_repo.versions(session, code)
    if not rows:
        raise Refused(EligibilityCode.CAMPAIGN_DOES_NOT_EXIST)
    return rows
