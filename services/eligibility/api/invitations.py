"""Invitation batches for a phase ("the letter is the ticket"), exported as CSV and PDF letters."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Query, Request, Response

from services.eligibility.adapters import campaign_repo, invitation_repo
from services.eligibility.adapters.letters import letters_pdf
from services.eligibility.adapters.tables import campaigns
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.api.problems import bad_request, campaign_not_found, invalid_import, not_found
from services.eligibility.api.registers import uploaded_csv
from services.eligibility.domain.campaign import Campaign
from services.eligibility.domain.csv_rows import parse, personnummer, required
from services.eligibility.domain.invitation_codes import printed
from shared.auth import Staff
from shared.csv_safe import csv_text

router = APIRouter(prefix="/v1", tags=["invitations"])
COLUMNS = ("personnummer", "name", "street", "postal_code", "city")


def _person(raw: dict[str, str]) -> dict[str, Any]:
    pnr = personnummer(raw["personnummer"])
    return {"key": pnr, "personnummer": pnr, **{c: required(raw[c], c) for c in COLUMNS[1:]}}


async def _campaign(app: Any, code: str) -> Campaign:
    async with app.engine.connect() as session:
        document = await session.scalar(sa.select(campaigns.c.document).where(campaigns.c.code == code))
    if document is None:
        raise campaign_not_found()
    return Campaign.model_validate(document)


@router.post(
    "/campaigns/{code}/phases/{phase}/invitations",
    status_code=201,
    summary="Generate a batch of invitations from CSV (personnummer,name,street,postal_code,city)",
)
async def generate(
    code: str,
    phase: str,
    request: Request,
    member: Admin,
    app: AppDep,
    valid_days: Annotated[int, Query(ge=1, le=365)] = 60,
) -> dict[str, Any]:
    campaign = await _campaign(app, code)
    chosen = next((p for p in campaign.phases if p.code == phase), None)
    if chosen is None or not any(c.kind == "invitation" for c in chosen.criteria):
        raise bad_request(
            "PHASE_TAKES_NO_INVITATIONS",
            "That phase does not exist or does not open with invitations.",
            "Den fasen finns inte eller öppnar inte med kallelser.",
        )
    report = parse(await uploaded_csv(request, app.settings.max_import_bytes), COLUMNS, _person)
    if report.errors:
        raise invalid_import(report.errors, len(report.rows) + len(report.errors))
    valid_from = max(chosen.opens_at, datetime.now(UTC).replace(microsecond=0))
    valid_until = valid_from + timedelta(days=valid_days)
    async with app.engine.begin() as session:
        batch_id, created = await invitation_repo.create_batch(
            session, campaign=code, phase=phase, valid_from=valid_from, valid_until=valid_until, people=report.rows
        )
        await campaign_repo.audit(
            session,
            "invitations_generated",
            member.hsa_id,
            {"campaign": code, "phase": phase, "batch_id": str(batch_id), "count": created},
        )
    return {
        "batch_id": str(batch_id),
        "created": created,
        "already_invited": len(report.rows) - created,
        "valid_from": valid_from.isoformat(),
        "valid_until": valid_until.isoformat(),
    }


async def _rows(app: Any, batch_id: uuid.UUID) -> list[Any]:
    async with app.engine.connect() as session:
        rows = await invitation_repo.batch(session, batch_id)
    if not rows:
        raise not_found("BATCH_DOES_NOT_EXIST", "There is no such batch.", "Det finns ingen sådan omgång.")
    return rows


def _address(address: dict[str, str]) -> list[str]:
    return [address["street"], address["postal_code"], address["city"]]


async def _exported(app: Any, member: Staff, batch_id: uuid.UUID, fmt: str, letters: int, **more: Any) -> None:
    """Letters carry names and addresses: every export is audited (who, which batch, how many)."""
    async with app.engine.begin() as session:
        details = {"batch_id": str(batch_id), "format": fmt, "letters": letters, **more}
        await campaign_repo.audit(session, "letters_exported", member.hsa_id, details)


@router.get("/invitation-batches/{batch_id}/letters.csv", summary="The batch for a print shop (CSV)")
async def export_csv(batch_id: uuid.UUID, member: Admin, app: AppDep) -> Response:
    rows = await _rows(app, batch_id)
    # The print shop gets what goes on the envelope and the letter, not the personnummer.
    text = csv_text(
        ["name", "street", "postal_code", "city", "code", "valid_from", "valid_until"],
        ([r.name, *_address(r.address), printed(r.code), r.valid_from.date(), r.valid_until.date()] for r in rows),
    )
    await _exported(app, member, batch_id, "csv", len(rows))
    return Response(text, media_type="text/csv; charset=utf-8")


@router.get("/invitation-batches/{batch_id}/letters.pdf", summary="Printable letters in Swedish (PDF)")
async def export_pdf(batch_id: uuid.UUID, member: Admin, app: AppDep) -> Response:
    rows = await _rows(app, batch_id)
    campaign = await _campaign(app, rows[0].campaign_code)
    printed_letters = letters_pdf(
        rows,
        campaign_name=campaign.name_sv or campaign.code,
        booking_url=app.settings.booking_url,
        phone=app.settings.region_phone,
    )
    await _exported(app, member, batch_id, "pdf", len(rows), incomplete=printed_letters.incomplete)
    # Letters whose name or address held characters no font here can print (shown as "?"), by
    # their place in the batch (1 = first): someone checks those before they are posted.
    headers = {"X-Letters-Incomplete": ",".join(str(n) for n in printed_letters.incomplete)}
    return Response(printed_letters.pdf, media_type="application/pdf", headers=headers)
