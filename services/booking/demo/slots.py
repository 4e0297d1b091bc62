"""Demo free times for the coming weeks, shaped like a clinic's schedule in VAS.

Weekdays 08:00–16:00 Europe/Stockholm, no Swedish public holidays, one practitioner's day
split into visits of the time types of their role. Ids are stable, so publishing again
updates rather than duplicates.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import yaml

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class DemoSlot:
    slot_id: str
    clinic_hsa_id: str
    time_type_code: str
    practitioner_id: str
    start: datetime
    end: datetime


def generate(folder: Path, *, first_day: date, days: int, per_practitioner_per_day: int = 6) -> Iterator[DemoSlot]:
    clinics = yaml.safe_load((folder / "clinics.yaml").read_text(encoding="utf-8"))["clinics"]
    types = yaml.safe_load((folder / "time_types.yaml").read_text(encoding="utf-8"))["time_types"]
    by_role: dict[str, list[dict[str, object]]] = {}
    for t in types:
        if t["web_bookable"]:
            by_role.setdefault(str(t["role"]), []).append(t)
    red_days = holidays.country_holidays("SE", years=range(first_day.year, first_day.year + 2))
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.weekday() >= 5 or day in red_days:
            continue
        for clinic in clinics:
            for practitioner in clinic.get("practitioners", []):
                options = by_role.get(practitioner["role"], [])
                if not options:
                    continue
                start = datetime.combine(day, time(8, 0), STOCKHOLM)
                for n in range(per_practitioner_per_day):
                    kind = options[(n + offset) % len(options)]
                    length = timedelta(minutes=int(str(kind["length_minutes"])))
                    yield DemoSlot(
                        slot_id=f"{clinic['hsa_id']}-{practitioner['id']}-{start.astimezone(UTC):%Y%m%dT%H%M}",
                        clinic_hsa_id=clinic["hsa_id"],
                        time_type_code=str(kind["code"]),
                        practitioner_id=practitioner["id"],
                        start=start.astimezone(UTC),
                        end=(start + length).astimezone(UTC),
                    )
                    start += max(length, timedelta(minutes=30))
