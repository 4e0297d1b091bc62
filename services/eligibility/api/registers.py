"""Register imports (CSV): every row validated; a bad row means nothing is imported."""

from typing import Any

from fastapi import APIRouter, Request

from services.eligibility.adapters import campaign_repo
from services.eligibility.adapters.registers import REGISTERS, replace
from services.eligibility.api.deps import Admin, AppDep
from services.eligibility.api.problems import invalid_import, not_found
from services.eligibility.domain.csv_rows import parse

router = APIRouter(prefix="/v1/registers", tags=["registers"])


async def uploaded_csv(request: Request, limit: int) -> str:
    body = await request.body()
    if len(body) > limit:
        raise invalid_import([{"line": 0, "error": f"file larger than {limit} bytes"}], 0)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_import([{"line": 0, "error": "file is not UTF-8"}], 0) from None


@router.put(
    "/{kind}",
    summary="Replace a register from CSV: home-care (personnummer,kind,municipality), "
    "households (personnummer,care_recipient), staff-roster (hsa_id,personnummer,workplace)",
)
async def import_register(kind: str, request: Request, member: Admin, app: AppDep) -> dict[str, Any]:
    register = REGISTERS.get(kind)
    if register is None:
        raise not_found("REGISTER_DOES_NOT_EXIST", "There is no such register.", "Det finns inget sådant register.")
    report = parse(await uploaded_csv(request, app.settings.max_import_bytes), register.columns, register.row)
    if report.errors:
        raise invalid_import(report.errors, len(report.rows) + len(report.errors))
    async with app.engine.begin() as session:
        import_id = await replace(session, register, report.rows)
        await campaign_repo.audit(
            session,
            "register_imported",
            member.hsa_id,
            {"register": kind, "rows": len(report.rows), "import_id": str(import_id)},
        )
    return {"register": kind, "imported": len(report.rows), "import_id": str(import_id)}
