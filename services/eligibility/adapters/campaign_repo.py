"""Campaign versions: every change is a new version with who made it (and an audit record)."""

from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.eligibility.adapters.tables import audit_log, campaign_versions, campaigns
from services.eligibility.domain.campaign import Campaign
from services.eligibility.domain.records import CampaignInForce, CampaignVersion
from shared.db import Executor, record, records
from shared.direct import Direct

# The campaign covering a time type, read with the person's facts (facts_repo.py); its document
# only when this process has not parsed that version yet.
COVERING_SQL = "SELECT code, version FROM campaigns WHERE document->'time_types' ? :time_type ORDER BY code LIMIT 1"
_DOCUMENT = Direct(
    sa.select(campaigns.c.version, campaigns.c.document).where(campaigns.c.code == sa.bindparam("code", type_=sa.Text))
)


class CampaignCache:
    """Parsed campaign documents by (code, version): reading and parsing a document per decision
    would cost more than the decision."""

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, int], Campaign] = {}

    async def parsed(self, db: asyncpg.Connection, code: str, version: int) -> tuple[Campaign, int] | None:
        """Campaign `code` as of `version` — or, if it has changed since that was read, as it
        stands now; None if it is gone."""
        if (code, version) in self._parsed:
            return self._parsed[(code, version)], version
        row = await _DOCUMENT.fetchrow(db, {"code": code})
        if row is None:
            return None
        key = (code, int(row["version"]))
        if key not in self._parsed:
            self._parsed[key] = Campaign.model_validate(row["document"])
        return self._parsed[key], key[1]


async def save(session: Executor, campaign: Campaign, *, changed_by: str) -> int:
    """Store `campaign` as its next version; returns the version number (locks the campaign row)."""
    document = campaign.model_dump(mode="json")
    current = await session.scalar(
        sa.select(campaigns.c.version).where(campaigns.c.code == campaign.code).with_for_update()
    )
    version = (current or 0) + 1
    await session.execute(
        insert(campaigns)
        .values(code=campaign.code, version=version, document=document)
        .on_conflict_do_update(
            index_elements=["code"], set_={"version": version, "document": document, "updated_at": sa.func.now()}
        )
    )
    await session.execute(
        campaign_versions.insert().values(code=campaign.code, version=version, document=document, changed_by=changed_by)
    )
    await audit(session, "campaign_changed", changed_by, {"campaign": campaign.code, "version": version})
    return version


async def current(session: Executor, code: str) -> CampaignInForce | None:
    row = (await session.execute(sa.select(campaigns).where(campaigns.c.code == code))).first()
    return None if row is None else record(CampaignInForce, row)


async def versions(session: Executor, code: str) -> list[CampaignVersion]:
    query = sa.select(campaign_versions).where(campaign_versions.c.code == code).order_by(campaign_versions.c.version)
    return records(CampaignVersion, (await session.execute(query)).all())


async def audit(session: Executor, action: str, actor_id: str, details: dict[str, Any]) -> None:
    await session.execute(audit_log.insert().values(action=action, actor_id=actor_id, details=details))
