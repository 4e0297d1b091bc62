"""Invitation batches and their letters (usecases/invitations.py)."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from services.eligibility.api import refusals
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.usecases import invitations
from shared.csv_safe import csv_text
from shared.web.openapi import answers, body_of

router = APIRouter(prefix="/v1", tags=["invitations"])


@router.post(
    "/campaigns/{code}/phases/{phase}/invitations",
    status_code=201,
    responses=refusals.INVITATIONS,
    openapi_extra=body_of("text/csv", "personnummer,name,street,postal_code,city; one row per person"),
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
    batch = await invitations.generate(
        app.engine, code, phase, await request.body(), valid_days=valid_days, by=member.hsa_id
    )
    return {
        "batch_id": str(batch.batch_id),
        "created": batch.created,
        "already_invited": batch.already_invited,
        "valid_from": batch.valid_from.isoformat(),
        "valid_until": batch.valid_until.isoformat(),
    }


@router.get(
    "/invitation-batches/{batch_id}/letters.csv",
    response_class=Response,
    responses={**refusals.BATCH, **answers("text/csv", "For the print shop")},
    summary="The batch for a print shop (CSV; audited)",
)
async def export_csv(batch_id: uuid.UUID, member: Admin, app: AppDep) -> Response:
    rows = await invitations.print_shop_rows(app.engine, batch_id, by=member.hsa_id)
    return Response(csv_text(invitations.PRINT_SHOP_COLUMNS, rows), media_type="text/csv; charset=utf-8")


@router.get(
    "/invitation-batches/{batch_id}/letters.pdf",
    response_class=Response,
    responses={**refusals.BATCH, **answers("application/pdf", "One letter per page")},
    summary="Printable letters in Swedish (PDF; audited)",
)
async def export_pdf(batch_id: uuid.UUID, member: Admin, app: AppDep) -> Response:
    letters = await invitations.letters(
        app.engine,
        batch_id,
        booking_url=app.settings.booking_url,
        phone=app.settings.region_phone,
        by=member.hsa_id,
    )
    # Letters whose name or address held characters no font here can print (shown as "?"), by
    # their place in the batch (1 = first): someone checks those before they are posted.
    headers = {"X-Letters-Incomplete": ",".join(str(n) for n in letters.incomplete)}
    return Response(letters.pdf, media_type="application/pdf", headers=headers)
