"""`make run`: load the demo campaign (a new version only when it changed) and demo registers.

Usage: python -m services.eligibility.demo.seed
"""

import asyncio
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from services.eligibility.adapters import campaign_repo
from services.eligibility.adapters.registers import REGISTERS, replace
from services.eligibility.adapters.tables import campaigns
from services.eligibility.domain.campaign import STOCKHOLM, Campaign
from services.eligibility.domain.csv_rows import parse
from services.eligibility.settings import EligibilitySettings
from shared.db import make_engine

HERE = Path(__file__).parent
_RELATIVE = re.compile(r"^today([+-]\d+)?$")
SEEDER = "demo-seed"


def resolve(value: Any, today: date) -> Any:
    """`today±N` and `end-of-year` to dates, anywhere in the document."""
    if isinstance(value, dict):
        return {k: resolve(v, today) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, today) for v in value]
    if value == "end-of-year":
        return date(today.year, 12, 31).isoformat()
    match = _RELATIVE.match(value) if isinstance(value, str) else None
    if match:
        return (today + timedelta(days=int(match.group(1) or 0))).isoformat()
    return value


def demo_campaign(today: date | None = None) -> Campaign:
    raw = yaml.safe_load((HERE / "campaign.yaml").read_text(encoding="utf-8"))
    return Campaign.model_validate(resolve(raw, today or datetime.now(STOCKHOLM).date()))


async def seed(settings: EligibilitySettings) -> None:
    engine = make_engine(settings.database_url, pool_size=2)
    campaign = demo_campaign()
    try:
        async with engine.begin() as session:
            current = await session.scalar(sa.select(campaigns.c.document).where(campaigns.c.code == campaign.code))
            if current != campaign.model_dump(mode="json"):
                version = await campaign_repo.save(session, campaign, changed_by=SEEDER)
                print(f"demo campaign {campaign.code} version {version}")
            for kind, file in (
                ("home-care", "home_care.csv"),
                ("households", "households.csv"),
                ("staff-roster", "staff_roster.csv"),
            ):
                register = REGISTERS[kind]
                report = parse((HERE / file).read_text(encoding="utf-8"), register.columns, register.row)
                if report.errors:
                    raise SystemExit(f"{file}: {report.errors}")
                await replace(session, register, report.rows)
                await campaign_repo.audit(
                    session, "register_imported", SEEDER, {"register": kind, "rows": len(report.rows)}
                )
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(seed(EligibilitySettings()))
