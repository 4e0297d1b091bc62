"""Loading the catalogue (clinics, practitioners, time types and their conditions) from YAML.

Upserts, so running it again updates texts and rules without touching appointments.
"""

from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from services.booking.adapters.tables import clinics, conditions, practitioners, time_types
from shared.text import display_name


def _upsert(table: sa.Table, rows: list[dict[str, Any]], keys: list[str]) -> Any:
    statement = insert(table).values(rows)
    return statement.on_conflict_do_update(
        index_elements=keys, set_={c: statement.excluded[c] for c in rows[0] if c not in keys}
    )


async def load_catalogue(engine: AsyncEngine, folder: Path) -> tuple[int, int]:
    """Returns (clinics, time types) loaded."""
    clinic_data = yaml.safe_load((folder / "clinics.yaml").read_text(encoding="utf-8"))["clinics"]
    type_data = yaml.safe_load((folder / "time_types.yaml").read_text(encoding="utf-8"))["time_types"]
    for c in clinic_data:
        if display_name(c["name"]) != c["name"]:
            # The name goes into residents' text messages: a plain name or nothing.
            raise ValueError(f"clinic {c['hsa_id']}: the name is not a plain name (letters, digits, punctuation)")
    clinic_rows = [
        {
            "hsa_id": c["hsa_id"].upper(),
            "name": c["name"],
            "municipality": c["municipality"],
            "address": f"{c['address']['street']}, {c['address']['postal_code']} {c['address']['town']}",
            "phone": c["phone"],
            "web_booking_enabled": bool(c["web_booking_enabled"]),
        }
        for c in clinic_data
    ]
    practitioner_rows = [
        {"id": p["id"], "clinic_hsa_id": c["hsa_id"].upper(), "name": p["name"], "role": p["role"]}
        for c in clinic_data
        for p in c.get("practitioners", [])
    ]
    type_rows = [
        {
            "code": t["code"],
            "name_sv": t["name_sv"],
            "name_en": t["name_en"],
            "role": t["role"],
            "length_minutes": int(t["length_minutes"]),
            "mode": t["mode"],
            "web_bookable": bool(t["web_bookable"]),
            "hidden": bool(t["hidden"]),
            "restricted": bool(t["restricted"]),
            "max_live_per_person": t.get("max_live_per_person"),
            "information_sv": t.get("information_sv", "").strip(),
            "information_en": t.get("information_en", "").strip(),
            "rules": t.get("rules", {}),
            "reminder_offsets_hours": t.get("reminder_offsets_hours", [48]),
        }
        for t in type_data
    ]
    condition_rows = [
        {
            "time_type_code": t["code"],
            "id": c["id"],
            "position": i,
            "text_sv": c["text_sv"].strip(),
            "text_en": c["text_en"].strip(),
        }
        for t in type_data
        for i, c in enumerate(t.get("conditions") or [])
    ]
    async with engine.begin() as conn:
        await conn.execute(_upsert(clinics, clinic_rows, ["hsa_id"]))
        await conn.execute(_upsert(practitioners, practitioner_rows, ["id"]))
        await conn.execute(_upsert(time_types, type_rows, ["code"]))
        await conn.execute(conditions.delete().where(conditions.c.time_type_code.in_([t["code"] for t in type_rows])))
        if condition_rows:
            await conn.execute(conditions.insert().values(condition_rows))
    return len(clinic_rows), len(type_rows)
