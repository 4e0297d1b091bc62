"""Invitation batches for a phase ("the letter is the ticket"), exported as CSV and PDF letters.
Letters carry names and addresses: every export is audited (who, which batch, how many)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.adapters import campaign_repo, invitation_repo
from services.eligibility.adapters.letters import Letters, letters_pdf
from services.eligibility.domain.csv_rows import parse, personnummer, required
from services.eligibility.domain.errors import EligibilityCode
from services.eligibility.domain.invitation_codes import printed
from services.eligibility.domain.records import Invitation
from services.eligibility.usecases import campaigns
from services.eligibility.usecases.registers import checked, decoded
from shared.errors import Refused

COLUMNS = ("personnummer", "name", "street", "postal_code", "city")
# The print shop gets what goes on the envelope and the letter, not the personnummer.
PRINT_SHOP_COLUMNS = ["name", "street", "postal_code", "city", "code", "valid_from", "valid_until"]


@dataclass(frozen=True)
class Batch:
    batch_id: uuid.UUID
    created: int
    already_invited: int
    valid_from: datetime
    valid_until: datetime


def _person(raw: dict[str, str]) -> dict[str, Any]:
    pnr = personnummer(raw["personnummer"])
    return {"key": pnr, "personnummer": pnr, **{c: required(raw[c], c) for c in COLUMNS[1:]}}


async def generate(engine: AsyncEngine, code: str, phase: str, body: bytes, *, valid_days: int, by: str) -> Batch:
    campaign = await campaigns.campaign(engine, code)
    chosen = next((p for p in campaign.phases if p.code == phase), None)
    if chosen is None or not any(c.kind == "invitation" for c in chosen.criteria):
        raise Refused(EligibilityCode.PHASE_TAKES_NO_INVITATIONS)
    people = checked(parse(decoded(body), COLUMNS, _person))
    valid_from = max(chosen.opens_at, datetime.now(UTC).replace(microsecond=0))
    valid_until = valid_from + timedelta(days=valid_days)
    async with engine.begin() as session:
        batch_id, created = await invitation_repo.create_batch(
            session, campaign=code, phase=phase, valid_from=valid_from, valid_until=valid_until, people=people
        )
        details = {"campaign": code, "phase": phase, "batch_id": str(batch_id), "count": created}
        await campaign_repo.audit(session, "invitations_generated", by, details)
    return Batch(batch_id, created, len(people) - created, valid_from, valid_until)


async def _rows(engine: AsyncEngine, batch_id: uuid.UUID) -> list[Invitation]:
    async with engine.connect() as session:
        rows = await invitation_repo.batch(session, batch_id)
    if not rows:
        raise Refused(EligibilityCode.BATCH_DOES_NOT_EXIST)
    return rows


async def _exported(engine: AsyncEngine, by: str, batch_id: uuid.UUID, fmt: str, letters: int, **more: Any) -> None:
    async with engine.begin() as session:
        details = {"batch_id": str(batch_id), "format": fmt, "letters": letters, **more}
        await campaign_repo.audit(session, "letters_exported", by, details)


async def print_shop_rows(engine: AsyncEngine, batch_id: uuid.UUID, *, by: str) -> list[list[Any]]:
    rows = await _rows(engine, batch_id)
    await _exported(engine, by, batch_id, "csv", len(rows))
    return [[r.name, *_address(r.address), printed(r.code), r.valid_from.date(), r.valid_until.date()] for r in rows]


def _address(address: dict[str, str]) -> list[str]:
    return [address["street"], address["postal_code"], address["city"]]


async def letters(engine: AsyncEngine, batch_id: uuid.UUID, *, booking_url: str, phone: str, by: str) -> Letters:
    rows = await _rows(engine, batch_id)
    campaign = await campaigns.campaign(engine, rows[0].campaign_code)
    printed_letters = letters_pdf(
        rows, campaign_name=campaign.name_sv or campaign.code, booking_url=booking_url, phone=phone
    )
    await _exported(engine, by, batch_id, "pdf", len(rows), incomplete=printed_letters.incomplete)
    return printed_letters
