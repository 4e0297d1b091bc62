"""Register imports: each kind's row rules, and replacing the register in one transaction."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from services.eligibility.adapters.tables import home_care, households, staff_roster
from services.eligibility.domain.csv_rows import BadRow, personnummer, required
from shared.db import Executor


def _home_care(raw: dict[str, str]) -> dict[str, Any]:
    kind = raw["kind"].strip().lower() or "home_care"
    if kind not in {"home_care", "home_health_care"}:
        raise BadRow("kind must be home_care or home_health_care")
    pnr = personnummer(raw["personnummer"])
    return {
        "key": pnr,
        "personnummer": pnr,
        "kind": kind,
        "municipality": required(raw["municipality"], "municipality"),
    }


def _household(raw: dict[str, str]) -> dict[str, Any]:
    pnr = personnummer(raw["personnummer"])
    recipient = personnummer(raw["care_recipient"])
    if pnr == recipient:
        raise BadRow("a person is not their own household member")
    return {"key": pnr, "personnummer": pnr, "care_recipient": recipient}


def _staff(raw: dict[str, str]) -> dict[str, Any]:
    hsa = required(raw["hsa_id"], "hsa_id").upper()
    if not hsa.startswith("SE") or len(hsa) > 64:
        raise BadRow("hsa_id must be an HSA-id (SE…)")
    return {
        "key": hsa,
        "hsa_id": hsa,
        "personnummer": personnummer(raw["personnummer"]),
        "workplace": required(raw["workplace"], "workplace"),
    }


@dataclass(frozen=True)
class Register:
    table: sa.Table
    columns: tuple[str, ...]
    row: Callable[[dict[str, str]], dict[str, Any]]


REGISTERS = {
    "home-care": Register(home_care, ("personnummer", "kind", "municipality"), _home_care),
    "households": Register(households, ("personnummer", "care_recipient"), _household),
    "staff-roster": Register(staff_roster, ("hsa_id", "personnummer", "workplace"), _staff),
}


async def replace(session: Executor, register: Register, rows: list[dict[str, Any]]) -> uuid.UUID:
    """The file is the register: the old content goes, the new comes, in the caller's transaction."""
    import_id = uuid.uuid4()
    await session.execute(register.table.delete())
    values = [{k: v for k, v in row.items() if k != "key"} | {"import_id": import_id} for row in rows]
    for start in range(0, len(values), 5000):
        await session.execute(register.table.insert(), values[start : start + 5000])
    return import_id
