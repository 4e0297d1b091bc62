"""Register imports (usecases/registers.py)."""

from typing import Any

from fastapi import APIRouter, Request

from services.eligibility.api import refusals
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.usecases import registers
from shared.web.openapi import body_of

router = APIRouter(prefix="/v1/registers", tags=["registers"])


@router.put(
    "/{kind}",
    responses=refusals.REGISTER_IMPORT,
    openapi_extra=body_of("text/csv", "The register's rows, with a header line"),
    summary="Replace a register from CSV: home-care (personnummer,kind,municipality), "
    "households (personnummer,care_recipient), staff-roster (hsa_id,personnummer,workplace)",
)
async def import_register(kind: str, request: Request, member: Admin, app: AppDep) -> dict[str, Any]:
    # The body arrives whole and within ELIGIBILITY_MAX_IMPORT_BYTES (shared.web.body).
    import_id, imported = await registers.import_register(app.engine, kind, await request.body(), by=member.hsa_id)
    return {"register": kind, "imported": imported, "import_id": str(import_id)}
