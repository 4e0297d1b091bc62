"""Campaign rules as versioned data: read, and change (a new version, audited)."""

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter

from services.eligibility.adapters import campaign_repo
from services.eligibility.adapters.tables import campaigns
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.api.problems import bad_request, campaign_not_found
from services.eligibility.domain.campaign import Campaign

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


@router.put("/{code}", summary="Set a campaign's rules (stored as its next version)")
async def put_campaign(code: str, body: Campaign, member: Admin, app: AppDep) -> dict[str, Any]:
    if body.code != code:
        raise bad_request(
            "CAMPAIGN_CODE_MISMATCH",
            "The body's code differs from the URL's.",
            "Koden i innehållet skiljer sig från adressens.",
        )
    async with app.engine.begin() as session:
        version = await campaign_repo.save(session, body, changed_by=member.hsa_id)
    return {"code": code, "version": version, "rule_version": f"{code}@{version}"}


@router.get("/{code}", summary="The campaign's rules in force")
async def get_campaign(code: str, member: Admin, app: AppDep) -> dict[str, Any]:
    async with app.engine.connect() as session:
        row = (await session.execute(sa.select(campaigns).where(campaigns.c.code == code))).first()
    if row is None:
        raise campaign_not_found()
    return {"code": code, "version": row.version, "rules": row.document}


@router.get("/{code}/versions", summary="Every version of the campaign's rules, who changed it and when")
async def campaign_versions(code: str, member: Admin, app: AppDep) -> dict[str, Any]:
    async with app.engine.connect() as session:
        rows = await campaign_repo.versions(session, code)
    if not rows:
        raise campaign_not_found()
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
