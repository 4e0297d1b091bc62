"""The demo campaign and registers say what the README says about the demo residents."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from services.eligibility.adapters.registers import REGISTERS
from services.eligibility.demo.seed import HERE, demo_campaign
from services.eligibility.domain.csv_rows import parse
from services.eligibility.domain.facts import Facts
from services.eligibility.domain.rules import decide
from shared.contracts.common import Channel
from shared.contracts.eligibility import DecideEligibility
from shared.identity import birth_date

# As in README.md ("Vaccination: who may book").
README = {
    "194003152388": "AGE_80_PLUS",
    "191212121212": "AGE_80_PLUS",
    "196804223920": "HOME_CARE",
    "197009014569": "HOUSEHOLD",
    "195506101475": "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP",
    "199001012732": "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP",
}


def _register(kind: str, file: str) -> list[dict[str, object]]:
    register = REGISTERS[kind]
    report = parse((HERE / file).read_text(encoding="utf-8"), register.columns, register.row)
    assert report.errors == []
    return report.rows


def test_demo_residents_get_what_the_readme_promises() -> None:
    today = date(2026, 11, 22)
    campaign = demo_campaign(today)
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    care = {str(r["personnummer"]) for r in _register("home-care", "home_care.csv")}
    household = {str(r["personnummer"]) for r in _register("households", "households.csv")}
    for pnr, reason in README.items():
        question = DecideEligibility(
            subject=pnr,
            time_type_code="covid19-dose1",
            clinic_hsa_id="X",
            start=now + timedelta(days=3),
            channel=Channel.WEB,
        )
        facts = Facts(birth_date=birth_date(pnr), home_care=pnr in care, household=pnr in household)
        assert decide(campaign=campaign, version=1, question=question, facts=facts, now=now).reason == reason, pnr
    # 70+ opens a week later: the 71-year-old can book then.
    later = now + timedelta(days=8)
    question = DecideEligibility(
        subject="195506101475", time_type_code="covid19-dose1", clinic_hsa_id="X", start=later, channel=Channel.WEB
    )
    decision = decide(
        campaign=campaign, version=1, question=question, facts=Facts(birth_date=date(1955, 6, 10)), now=later
    )
    assert decision.reason == "AGE_70_PLUS"
    assert "19121212-1212" in Path("README.md").read_text(encoding="utf-8")
