"""What clinic staff see: server-rendered schedule pages in Europe/Stockholm time (Swedish/English)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import yaml
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_simulator import schedule
from services.vas_simulator.schemas import Appointment
from services.vas_simulator.tables import appointments, timeslots
from shared.identity import mask

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=select_autoescape(["html"])
)

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Row:
    slot_id: str
    start: str
    end: str
    time_type_code: str
    practitioner_id: str
    slot_status: str
    appointment_id: str | None
    subject: str
    channel: str
    status: str
    cancelled_by: str


def clinic_names(folder: str) -> dict[str, str]:
    """Names from the demo clinics file when it is there (plain data; the simulator works without it)."""
    try:
        data = yaml.safe_load((Path(folder) / "clinics.yaml").read_text(encoding="utf-8"))
        return {str(c["hsa_id"]).upper(): str(c["name"]) for c in data["clinics"]}
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return {}


def _engine(request: Request) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.engine
    return engine


def _render(template: str, **values: Any) -> HTMLResponse:
    return HTMLResponse(_templates.get_template(template).render(**values))


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> HTMLResponse:
    query = (
        sa.select(timeslots.c.clinic_hsa_id, sa.func.count())
        .group_by(timeslots.c.clinic_hsa_id)
        .order_by(timeslots.c.clinic_hsa_id)
    )
    async with _engine(request).connect() as conn:
        rows = (await conn.execute(query)).all()
    names = clinic_names(request.app.state.settings.demo_folder)
    clinics = [{"hsa_id": hsa_id, "name": names.get(hsa_id, ""), "count": n} for hsa_id, n in rows]
    today = datetime.now(STOCKHOLM).date().isoformat()
    return _render("index.html", clinics=clinics, today=today)


@router.get("/clinics/{hsa_id}", response_class=HTMLResponse)
async def clinic_day(request: Request, hsa_id: str, day: Annotated[date | None, Query()] = None) -> HTMLResponse:
    day = day or datetime.now(STOCKHOLM).date()
    hsa_id = hsa_id.upper()
    start = datetime.combine(day, time(0), STOCKHOLM)
    end = datetime.combine(day + timedelta(days=1), time(0), STOCKHOLM)
    query = (
        sa.select(
            timeslots,
            appointments.c.id.label("appointment_id"),
            appointments.c.subject,
            appointments.c.channel,
            appointments.c.status.label("appointment_status"),
            appointments.c.cancelled_by,
        )
        .select_from(timeslots.outerjoin(appointments, appointments.c.timeslot_id == timeslots.c.id))
        .where(timeslots.c.clinic_hsa_id == hsa_id, timeslots.c.start_at >= start, timeslots.c.start_at < end)
        .order_by(timeslots.c.start_at, timeslots.c.id, appointments.c.created_at)
    )
    async with _engine(request).connect() as conn:
        found = (await conn.execute(query)).all()
    rows = [_row(r._mapping) for r in found]
    settings = request.app.state.settings
    return _render(
        "clinic.html",
        hsa_id=hsa_id,
        name=clinic_names(settings.demo_folder).get(hsa_id, ""),
        day=day.isoformat(),
        previous=(day - timedelta(days=1)).isoformat(),
        next=(day + timedelta(days=1)).isoformat(),
        rows=rows,
        refresh_s=settings.page_refresh_s,
        now=datetime.now(STOCKHOLM).strftime("%H:%M:%S"),
    )


def _row(m: Any) -> Row:
    def local(value: datetime) -> str:
        return value.astimezone(STOCKHOLM).strftime("%H:%M")

    return Row(
        slot_id=m["id"],
        start=local(m["start_at"]),
        end=local(m["end_at"]),
        time_type_code=m["time_type_code"],
        practitioner_id=m["practitioner_id"] or "",
        slot_status=m["status"],
        appointment_id=m["appointment_id"],
        subject=mask(m["subject"]) if m["subject"] else "",
        channel=m["channel"] or "",
        status=m["appointment_status"] or "",
        cancelled_by=m["cancelled_by"] or "",
    )


@router.post("/clinics/{hsa_id}/appointments/{appointment_id}/cancel")
async def clinic_cancel(request: Request, hsa_id: str, appointment_id: str) -> RedirectResponse:
    """The page's cancel button (no form body: nothing personal in it)."""
    appointment: Appointment = await schedule.cancel_appointment(
        _engine(request), appointment_id, reason="Avbokad av mottagningen / cancelled by the clinic", by="clinic"
    )
    return _back(hsa_id, appointment.start)


@router.post("/clinics/{hsa_id}/timeslots/{timeslot_id}/withdraw")
async def clinic_withdraw(request: Request, hsa_id: str, timeslot_id: str) -> RedirectResponse:
    slot = await schedule.withdraw_timeslot(_engine(request), timeslot_id)
    return _back(hsa_id, slot.start)


def _back(hsa_id: str, at: datetime) -> RedirectResponse:
    day = at.astimezone(UTC).astimezone(STOCKHOLM).date().isoformat()
    return RedirectResponse(f"/clinics/{hsa_id}?day={day}", status_code=303)
