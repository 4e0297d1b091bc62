"""Campaign rules as versioned data (usecases/campaigns.py)."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.eligibility.api import refusals
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.domain.campaign import Campaign
from services.eligibility.usecases import campaigns

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])
STOCKHOLM = ZoneInfo("Europe/Stockholm")


class CampaignSaved(BaseModel):
    code: str
    version: int
    rule_version: str = Field(description="What decisions name: `<code>@<version>`")


class CampaignInForce(BaseModel):
    code: str
    version: int
    rules: dict[str, Any]


class CampaignVersion(BaseModel):
    version: int
    changed_by: str
    changed_at: datetime
    rules: dict[str, Any]


class CampaignVersionPage(BaseModel):
    """Every version: one page always (`next` is null)."""

    items: list[CampaignVersion]
    next: None


@router.put("/{code}", responses=refusals.CAMPAIGN_PUT, summary="Set a campaign's rules (stored as its next version)")
async def put_campaign(code: str, body: Campaign, member: Admin, app: AppDep) -> CampaignSaved:
    version = await campaigns.save(app.engine, code, body, changed_by=member.hsa_id)
    return CampaignSaved(code=code, version=version, rule_version=f"{code}@{version}")


@router.get("/{code}", responses=refusals.CAMPAIGN, summary="The campaign's rules in force")
async def get_campaign(code: str, member: Admin, app: AppDep) -> CampaignInForce:
    row = await campaigns.current(app.engine, code)
    return CampaignInForce(code=code, version=row.version, rules=row.document)


@router.get(
    "/{code}/versions",
    responses=refusals.CAMPAIGN,
    summary="Every version of the campaign's rules, who changed it and when",
)
async def campaign_versions(code: str, member: Admin, app: AppDep) -> CampaignVersionPage:
    rows = await campaigns.versions(app.engine, code)
    items = [
        CampaignVersion(
            version=r.version, changed_by=r.changed_by, changed_at=r.changed_at.astimezone(STOCKHOLM), rules=r.document
        )
        for r in rows
    ]
    return CampaignVersionPage(items=items, next=None)
