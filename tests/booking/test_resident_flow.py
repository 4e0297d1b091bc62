"""A resident finds a time, holds it, confirms the conditions, books, sees it, reschedules and
cancels — against the real database and broker."""

import uuid
from typing import Any

import sqlalchemy as sa

from services.booking.adapters.tables import audit_log, slots
from shared.messaging.tables import outbox
from tests.support.booking import Api

NURSE_CONDITIONS = ["no-fever-24h", "not-urgent"]


async def book(api: Api, headers: dict[str, str], slot_id: str, **extra: object) -> dict[str, Any]:
    body = {"slot_id": slot_id, "confirmed_conditions": NURSE_CONDITIONS, **extra}
    response = await api.http.post(
        "/v1/appointments", json=body, headers={**headers, "Idempotency-Key": str(uuid.uuid4())}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_catalogue(api: Api) -> None:
    clinics = (await api.http.get("/v1/clinics")).json()
    assert len(clinics["items"]) == 28
    assert clinics["next"] is None
    assert {"hsa_id", "name", "municipality"} <= set(clinics["items"][0])
    assert {c["municipality"] for c in clinics["items"]} == {
        "Halmstad",
        "Varberg",
        "Kungsbacka",
        "Falkenberg",
        "Laholm",
        "Hylte",
    }
    await api.new_slots(1, time_type="nurse-visit")
    types = (await api.http.get("/v1/clinics/SE2321000115-o10001/time-types")).json()["items"]
    nurse = next(t for t in types if t["code"] == "nurse-visit")
    assert [c["id"] for c in nurse["conditions"]] == NURSE_CONDITIONS
    assert nurse["conditions"][0]["text"].startswith("Jag har inte")
    english = (await api.http.get("/v1/time-types/nurse-visit", headers={"Accept-Language": "en"})).json()
    assert english["name"] == "Nurse visit"


async def test_book_see_reschedule_cancel(api: Api) -> None:
    first, second = await api.new_slots(2)
    _, me = await api.resident()

    found = (
        await api.http.get(
            "/v1/slots", params={"clinic": "SE2321000115-O10001", "time_type": "nurse-visit", "limit": 500}
        )
    ).json()
    assert {"id", "clinic", "time_type", "start", "end"} <= set(found["items"][0])

    held = await api.http.post(f"/v1/slots/{first}/hold", headers=me)
    assert held.status_code == 200, held.text
    _, other = await api.resident()
    assert (await api.http.post(f"/v1/slots/{first}/hold", headers=other)).json()[
        "code"
    ] == "REQUESTED_TIME_IS_ALREADY_RESERVED"

    booked = await book(api, me, first)
    assert booked["status"] == "pending"
    assert booked["slot_id"] == first
    assert booked["channel"] == "web"
    assert booked["start"].endswith(("+01:00", "+02:00"))  # shown in Stockholm time

    mine = (await api.http.get("/v1/appointments", headers=me)).json()
    assert [a["id"] for a in mine["items"]] == [booked["id"]]
    assert (await api.http.get(f"/v1/appointments/{booked['id']}", headers=me)).json()["id"] == booked["id"]
    # Someone else's appointment does not exist for them.
    assert (await api.http.get(f"/v1/appointments/{booked['id']}", headers=other)).status_code == 404

    moved = await api.http.post(
        f"/v1/appointments/{booked['id']}/reschedule",
        headers=me,
        json={"slot_id": second, "confirmed_conditions": NURSE_CONDITIONS},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["slot_id"] == second
    assert moved.json()["version"] == 2

    cancelled = await api.http.post(f"/v1/appointments/{booked['id']}/cancel", headers=me, json={})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    again = await api.http.post(f"/v1/appointments/{booked['id']}/cancel", headers=me, json={})
    assert again.json()["code"] == "APPOINTMENT_IS_ALREADY_CANCELED"

    async with api.engine.connect() as conn:
        states = dict(
            (await conn.execute(sa.select(slots.c.id, slots.c.status).where(slots.c.id.in_([first, second])))).all()
        )
        actions = (
            await conn.scalars(
                sa.select(audit_log.c.action)
                .where(audit_log.c.appointment_id == uuid.UUID(booked["id"]))
                .order_by(audit_log.c.id)
            )
        ).all()
        events = (
            await conn.scalars(
                sa.select(outbox.c.message_type)
                .where(outbox.c.body.contains(booked["id"].encode()))
                .order_by(outbox.c.seq)
            )
        ).all()
    # Both times are bookable again at once; every change left an audit record and an event.
    assert states == {first: "free", second: "free"}
    assert actions == ["book", "reschedule", "cancel"]
    assert events == ["appointment.requested", "appointment.rescheduled", "appointment.cancelled"]
