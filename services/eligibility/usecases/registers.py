"""Register imports (CSV): every row validated; one bad row and nothing is imported."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.adapters import campaign_repo
from services.eligibility.adapters.registers import REGISTERS, replace
from services.eligibility.domain.csv_rows import RowReport, parse
from services.eligibility.domain.errors import EligibilityCode
from shared.errors import Refused


def rejected(errors: list[dict[str, Any]], rows: int) -> Refused:
    return Refused(EligibilityCode.IMPORT_REJECTED, extra={"errors": errors, "rows_read": rows, "imported": 0})


def decoded(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise rejected([{"line": 0, "error": "file is not UTF-8"}], 0) from None


def checked(report: RowReport) -> list[dict[str, Any]]:
    """The rows, or the refusal listing every bad row."""
    if report.errors:
        raise rejected(report.errors, len(report.rows) + len(report.errors))
    return report.rows


async def import_register(engine: AsyncEngine, kind: str, body: bytes, *, by: str) -> tuple[uuid.UUID, int]:
    """Replace register `kind` from CSV; (import id, rows imported)."""
    register = REGISTERS.get(kind)
    if register is None:
        raise Refused(EligibilityCode.REGISTER_DOES_NOT_EXIST)
    rows = checked(parse(decoded(body), register.columns, register.row))
    async with engine.begin() as session:
        import_id = await replace(session, register, rows)
        details = {"register": kind, "rows": len(rows), "import_id": str(import_id)}
        await campaign_repo.audit(session, "register_imported", by, details)
    return import_id, len(rows)
