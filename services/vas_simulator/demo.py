"""Demo free times: weekdays 08–16 Europe/Stockholm for the demo clinics, read from the YAML files
in ``VAS_DEMO_FOLDER`` (plain data). Ids are stable, so publishing again changes nothing.

Usage: python -m services.vas_simulator.demo [DAYS]
"""

import asyncio
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import yaml
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_simulator.schedule import publish_timeslots
from services.vas_simulator.schemas import TimeslotIn
from services.vas_simulator.settings import VasSettings
from shared.db import make_engine

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PER_PRACTITIONER_PER_DAY = 6


def demo_timeslots(folder: Path, *, first_day: date, days: int) -> Iterator[TimeslotIn]:
    clinics: list[dict[str, Any]] = yaml.safe_load((folder / "clinics.yaml").read_text(encoding="utf-8"))["clinics"]
    types: list[dict[str, Any]] = yaml.safe_load((folder / "time_types.yaml").read_text(encoding="utf-8"))["time_types"]
    by_role: dict[str, list[dict[str, Any]]] = {}
    for kind in types:
        if kind["web_bookable"]:
            by_role.setdefault(str(kind["role"]), []).append(kind)
    last_day = first_day + timedelta(days=max(days - 1, 0))
    red_days = holidays.country_holidays("SE", years=range(first_day.year, last_day.year + 1))
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.weekday() >= 5 or day in red_days:
            continue
        for clinic in clinics:
            for practitioner in clinic.get("practitioners", []):
                options = by_role.get(str(practitioner["role"]), [])
                start = datetime.combine(day, time(8, 0), STOCKHOLM)
                for n in range(PER_PRACTITIONER_PER_DAY if options else 0):
                    kind = options[(n + offset) % len(options)]
                    length = timedelta(minutes=int(kind["length_minutes"]))
                    yield TimeslotIn(
                        id=f"{clinic['hsa_id']}-{practitioner['id']}-{start.astimezone(UTC):%Y%m%dT%H%M}",
                        clinic_hsa_id=str(clinic["hsa_id"]),
                        time_type_code=str(kind["code"]),
                        practitioner_id=str(practitioner["id"]),
                        start=start.astimezone(UTC),
                        end=(start + length).astimezone(UTC),
                    )
                    start += max(length, timedelta(minutes=30))


async def publish_demo_timeslots(engine: AsyncEngine, days: int, *, folder: str | None = None) -> int:
    """Publishes the demo times from today on; answers how many were new."""
    source = Path(folder or VasSettings().demo_folder)
    slots = list(demo_timeslots(source, first_day=datetime.now(STOCKHOLM).date(), days=days))
    count = 0
    for i in range(0, len(slots), 500):
        count += len(await publish_timeslots(engine, slots[i : i + 500]))
    return count


async def _main(days: int) -> None:
    engine = make_engine(VasSettings().database_url, application_name="vas_simulator-demo")
    try:
        print(f"published {await publish_demo_timeslots(engine, days)} new demo times")
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(_main(int(sys.argv[1]) if len(sys.argv) > 1 else 21))
