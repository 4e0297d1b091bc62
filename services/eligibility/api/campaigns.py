"""Campaign rules as versioned data (usecases/campaigns.py)."""

from typing import Any

from fastapi import APIRouter

from services.eligibility.api import refusals
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.domain.campaign import Campaign
from services.eligibility.usecases import campaigns

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


@router.put("/{code}", responses=refusals.CAMPAIGN_PUT, summary="Set a campaign's rules (stored as its next version)")
async def put_campaign(code: str, body: Campaign, member: Admin, app: AppDep) -> dict[str, Any]:
    version = await campaigns.save(app.engine, code, body, changed_by=member.hsa_id)
    return {"code": code, "version": version, "rule_version": f"{code}@{version}"}


@router.get("/{code}", responses=refusals.CAMPAIGN, summary="The campaign's rules in force")
async def get_campaign(code: str, member: Admin, app: AppDep) -> dict[str, Any]:
    row = await campaigns.current(app.engine, code)
    return {"code": code, "version": row.version, "rules": row.document}


@router.get(
    "/{code}/versions",
    responses=refusals.CAMPAIGN,
    summary="Every version of the campaign's rules, who changed it and when",
)
async def campaign_versions(code: str, member: Admin, app: AppDep) -> dict[str, Any]:
    rows = await campaigns.versions(app.engine, code)
    return {
        "items": [
            {
                "version": r.version,
                "changed_by": r.changed_by,
                "changed_at": r.changed_at.isoformat(),
                "rules": r.document,
            }
            for r in rows
        ],
        "next": None,
    }
