"""What the booking API tests share: booking calls, problem+json checks and "nothing written"."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from services.booking.adapters.tables import appointments, audit_log, idempotency_keys, slots
from services.booking.usecases import place
from shared import direct
from shared.contracts.appointments import ResidentScheduleCheckRequested
from shared.messaging.tables import outbox
from tests.support.booking import Api

NURSE = "nurse-visit"
NURSE_CONDITIONS = ["no-fever-24h", "not-urgent"]
COVID1_CONDITIONS = ["no-anaphylaxis", "no-covid-4w", "no-other-vaccine-7d", "not-ill-today"]
PHYSIO_CONDITIONS = ["no-back-red-flags", "not-urgent"]
HOME_CLINIC = "SE2321000115-O10001"
OTHER_CLINIC = "SE2321000115-O10002"
NO_ROLLOUT_CLINIC = "SE2321000115-O10005"  # demo data: web booking not yet switched on here

CONDITIONS = {NURSE: NURSE_CONDITIONS, "covid19-dose1": COVID1_CONDITIONS, "physio-visit": PHYSIO_CONDITIONS}


def in_hours(hours: float) -> datetime:
    return datetime.now().astimezone() + timedelta(hours=hours)


async def post_booking(
    api: Api,
    headers: dict[str, str],
    slot_id: str,
    *,
    conditions: list[str] | None = None,
    key: str | None = None,
    prefer: str | None = None,
    **extra: object,
) -> httpx.Response:
    body = {"slot_id": slot_id, "confirmed_conditions": NURSE_CONDITIONS if conditions is None else conditions, **extra}
    sent = {**headers, "Idempotency-Key": key or str(uuid.uuid4())}
    if prefer:
        sent["Prefer"] = prefer
    return await api.http.post("/v1/appointments", json=body, headers=sent)


async def booked(api: Api, headers: dict[str, str], slot_id: str, **kwargs: Any) -> dict[str, Any]:
    response = await post_booking(api, headers, slot_id, **kwargs)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def phone_booking(
    api: Api, staff: dict[str, str], pnr: str, slot_id: str, *, answered: bool = True, **extra: object
) -> httpx.Response:
    return await api.http.post(
        "/v1/staff/appointments",
        json={"personnummer": pnr, "slot_id": slot_id, "control_questions_answered": answered, **extra},
        headers={**staff, "Idempotency-Key": str(uuid.uuid4())},
    )


def problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """An RFC 9457 problem with the stable code and both languages' messages."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body = dict(response.json())
    assert body["code"] == code, body
    assert body["status"] == status
    assert body["detail"] and body["detail_sv"], body
    return body


@dataclass(frozen=True)
class Written:
    appointments: int
    outbox: int
    audit: int


async def written_for(api: Api, pnr: str) -> Written:
    """Everything stored about one person: appointments, outbox events about them and audit records.

    Opening the list asks VAS sync to look in the resident's schedule (resident.schedule_check.requested);
    that request is about the list, not about an appointment, and is left out of the count."""
    async with api.engine.connect() as conn:
        appointment_count = await conn.scalar(
            sa.select(sa.func.count()).select_from(appointments).where(appointments.c.subject == pnr)
        )
        outbox_count = await conn.scalar(
            sa.select(sa.func.count())
            .select_from(outbox)
            .where(outbox.c.body.contains(pnr.encode()))
            .where(outbox.c.message_type != ResidentScheduleCheckRequested.message_type)
        )
        audit_count = await conn.scalar(
            sa.select(sa.func.count()).select_from(audit_log).where(audit_log.c.subject == pnr)
        )
    return Written(int(appointment_count or 0), int(outbox_count or 0), int(audit_count or 0))


NOTHING = Written(0, 0, 0)


async def stored_keys(api: Api, key: str) -> int:
    """Idempotency records kept for a key (a refused request keeps none)."""
    async with api.engine.connect() as conn:
        found = await conn.scalar(
            sa.select(sa.func.count()).select_from(idempotency_keys).where(idempotency_keys.c.key == key)
        )
    return int(found or 0)


async def slot_status(api: Api, slot_id: str) -> str:
    async with api.engine.connect() as conn:
        return str(await conn.scalar(sa.select(slots.c.status).where(slots.c.id == slot_id)))


async def listed(api: Api, slot_id: str, headers: dict[str, str] | None = None, **params: str) -> bool:
    """Whether someone searching that clinic, time type and hour sees this slot (anonymous, or as
    `headers` log in; `params`: e.g. the guide's ticket)."""
    async with api.engine.connect() as conn:
        row = (
            await conn.execute(
                sa.select(slots.c.clinic_hsa_id, slots.c.time_type_code, slots.c.start_at).where(slots.c.id == slot_id)
            )
        ).one()
    found = await api.http.get(
        "/v1/slots",
        params={
            "clinic": row.clinic_hsa_id,
            "time_type": row.time_type_code,
            "from": (row.start_at - timedelta(minutes=1)).isoformat(),
            "to": (row.start_at + timedelta(minutes=1)).isoformat(),
            "limit": 500,
            **params,
        },
        headers=headers or {},
    )
    assert found.status_code == 200, found.text
    return slot_id in {s["id"] for s in found.json()["items"]}


def count_transactions(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every transaction a booking opens from now on (usecases/place.py), as a growing list."""
    opened: list[object] = []
    original = direct.transaction

    def counted(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(place, "transaction", counted)
    return opened
