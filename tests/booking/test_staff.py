"""The staff API: phone booking on a resident's behalf, clinic lists with masked personnummer,
cancellation, the audit trail, and opening/closing web booking — each within the staff
member's clinics."""

import uuid
from typing import Any

from tests.support.booking import Api
from tests.support.booking.helpers import (
    HOME_CLINIC,
    NO_ROLLOUT_CLINIC,
    NOTHING,
    NURSE_CONDITIONS,
    OTHER_CLINIC,
    booked,
    in_hours,
    listed,
    phone_booking,
    post_booking,
    problem,
    slot_status,
    written_for,
)

THIRD_CLINIC = "SE2321000115-O10003"
BOOKER = "SE2321000115-E2001"


async def test_phone_booking_of_a_home_visit_records_who_and_how(api: Api) -> None:
    (slot,) = await api.new_slots(1, time_type="home-visit", length_min=60)
    pnr, me = await api.resident()
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC.lower()], hsa_id=BOOKER)
    # Not web-bookable: the resident cannot, the phone line can.
    problem(await post_booking(api, me, slot, conditions=[]), 403, "APPOINTMENT_IS_NOT_ALLOWED")

    dashed = f"{pnr[:8]}-{pnr[8:]}"
    response = await phone_booking(api, staff, dashed, slot, reason="Svårt att ta sig till mottagningen")
    assert response.status_code == 201, response.text
    made = response.json()
    assert (made["status"], made["channel"], made["actor"], made["time_type"]) == (
        "pending",
        "phone",
        "health_professional",
        "home-visit",
    )
    assert pnr not in response.text
    # The resident sees it among their own.
    mine = (await api.http.get("/v1/appointments", headers=me)).json()["items"]
    assert [(a["id"], a["channel"]) for a in mine] == [(made["id"], "phone")]

    audit = await api.http.get(f"/v1/staff/appointments/{made['id']}/audit", headers=staff)
    assert audit.status_code == 200, audit.text
    (entry,) = audit.json()["items"]
    assert (entry["action"], entry["actor"], entry["actor_id"], entry["channel"]) == (
        "book",
        "health_professional",
        BOOKER,
        "phone",
    )
    assert entry["details"]["control_questions_answered"] is True
    assert pnr not in audit.text
    assert await slot_status(api, slot) == "busy"


async def test_phone_booking_without_control_questions_is_recorded_as_such(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, _ = await api.resident()
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    response = await phone_booking(api, staff, pnr, slot, answered=False)
    assert response.status_code == 201, response.text
    trail = (await api.http.get(f"/v1/staff/appointments/{response.json()['id']}/audit", headers=staff)).json()
    assert trail["items"][0]["details"]["control_questions_answered"] is False


async def test_invalid_personnummer_is_refused_without_echo(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    for wrong in ("19121212-1213", "191213321212", "20000230-1234", "abcdefghijkl"):
        response = await phone_booking(api, staff, wrong, slot)
        problem(response, 422, "INVALID_PERSONNUMMER")
        assert wrong not in response.text
    problem(await phone_booking(api, staff, "12345", slot), 422, "INVALID_REQUEST")
    assert await slot_status(api, slot) == "free"
    listed_now = (await api.http.get("/v1/staff/appointments", params={"clinic": HOME_CLINIC}, headers=staff)).json()
    assert slot not in {a["slot_id"] for a in listed_now["items"]}


async def test_phone_booking_needs_an_idempotency_key(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, _ = await api.resident()
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    response = await api.http.post(
        "/v1/staff/appointments",
        json={"personnummer": pnr, "slot_id": slot, "control_questions_answered": True},
        headers=staff,
    )
    problem(response, 400, "IDEMPOTENCY_KEY_REQUIRED")
    assert await written_for(api, pnr) == NOTHING


async def test_staff_act_only_within_their_clinics(api: Api) -> None:
    (slot,) = await api.new_slots(1, clinic=HOME_CLINIC)
    pnr, me = await api.resident()
    outsider = await api.staff(roles=["booking_staff", "clinic_staff"], clinics=[OTHER_CLINIC])
    problem(await phone_booking(api, outsider, pnr, slot), 403, "FORBIDDEN")
    assert await written_for(api, pnr) == NOTHING
    assert await slot_status(api, slot) == "free"

    appointment = await booked(api, me, slot)
    before = await written_for(api, pnr)
    problem(
        await api.http.get("/v1/staff/appointments", params={"clinic": HOME_CLINIC}, headers=outsider),
        403,
        "FORBIDDEN",
    )
    path = f"/v1/staff/appointments/{appointment['id']}"
    problem(await api.http.get(f"{path}/audit", headers=outsider), 404, "APPOINTMENT_DOES_NOT_EXIST")
    problem(await api.http.post(f"{path}/cancel", headers=outsider, json={}), 404, "APPOINTMENT_DOES_NOT_EXIST")
    closure = {"clinic_hsa_id": HOME_CLINIC, "message_sv": "Stängt", "message_en": "Closed", "phone": "010-1"}
    problem(await api.http.post("/v1/staff/closures", json=closure, headers=outsider), 403, "FORBIDDEN")
    region = {**closure, "clinic_hsa_id": None}
    problem(await api.http.post("/v1/staff/closures", json=region, headers=outsider), 403, "FORBIDDEN")
    rollout = await api.http.put(
        f"/v1/staff/clinics/{OTHER_CLINIC}/web-booking", json={"web_booking_enabled": False}, headers=outsider
    )
    problem(rollout, 403, "FORBIDDEN")
    assert await written_for(api, pnr) == before
    assert (await api.http.get(f"/v1/appointments/{appointment['id']}", headers=me)).json()["status"] == "pending"
    assert (await api.http.get(f"/v1/clinics/{OTHER_CLINIC}")).json()["web_booking_enabled"] is True


async def test_clinic_list_masks_the_personnummer(api: Api) -> None:
    web_slot, phone_slot = await api.new_slots(2, clinic=THIRD_CLINIC)
    pnr, me = await api.resident()
    staff = await api.staff(roles=["clinic_staff"], clinics=[THIRD_CLINIC])
    web = await booked(api, me, web_slot)
    phone = await phone_booking(api, staff, pnr, phone_slot)
    assert phone.status_code == 201, phone.text
    response = await api.http.get("/v1/staff/appointments", params={"clinic": THIRD_CLINIC.lower()}, headers=staff)
    assert response.status_code == 200, response.text
    items = {a["id"]: a for a in response.json()["items"]}
    for appointment_id in (web["id"], phone.json()["id"]):
        assert items[appointment_id]["subject"] == f"{pnr[:8]}-****"
    assert items[web["id"]]["channel"] == "web"
    assert items[phone.json()["id"]]["channel"] == "phone"
    assert pnr not in response.text
    assert pnr[8:] not in {a["subject"][-4:] for a in items.values()}


async def test_staff_cancel_on_a_residents_behalf_even_inside_24_hours(api: Api) -> None:
    (slot,) = await api.new_slots(1, start=in_hours(6))
    pnr, me = await api.resident()
    appointment = await booked(api, me, slot)
    problem(
        await api.http.post(f"/v1/appointments/{appointment['id']}/cancel", headers=me, json={}),
        422,
        "TOO_LATE_TO_CANCEL_APPOINTMENT",
    )
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC], hsa_id=BOOKER)
    cancelled = await api.http.post(
        f"/v1/staff/appointments/{appointment['id']}/cancel", headers=staff, json={"reason": "Patienten ringde"}
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert pnr not in cancelled.text
    mine = (await api.http.get(f"/v1/appointments/{appointment['id']}", headers=me)).json()
    assert (mine["status"], mine["cancelled_by"]) == ("cancelled", "health_professional")
    trail = (await api.http.get(f"/v1/staff/appointments/{appointment['id']}/audit", headers=staff)).json()["items"]
    assert [(e["action"], e["channel"], e["actor_id"]) for e in trail] == [
        ("book", "web", None),
        ("cancel", "phone", BOOKER),
    ]
    assert await listed(api, slot)
    problem(
        await api.http.post(f"/v1/staff/appointments/{appointment['id']}/cancel", headers=staff, json={}),
        409,
        "APPOINTMENT_IS_ALREADY_CANCELED",
    )


def _closure(**where: Any) -> dict[str, Any]:
    return {
        **where,
        "message_sv": "Webbokningen är tillfälligt stängd. Ring oss.",
        "message_en": "Web booking is closed for now. Call us.",
        "phone": "010-476 11 22",
    }


async def test_closing_a_clinic_shows_the_message_and_phone_until_reopened(api: Api) -> None:
    (here,) = await api.new_slots(1, clinic=THIRD_CLINIC)
    (elsewhere,) = await api.new_slots(1, clinic=OTHER_CLINIC, start=in_hours(24 * 5))
    pnr, me = await api.resident()
    admin = await api.staff(roles=["clinic_staff"], clinics=[THIRD_CLINIC])
    created = await api.http.post("/v1/staff/closures", json=_closure(clinic_hsa_id=THIRD_CLINIC), headers=admin)
    assert created.status_code == 201, created.text
    closure_id = created.json()["id"]
    try:
        body = problem(await post_booking(api, me, here), 403, "WEB_BOOKING_CLOSED")
        assert (body["detail"], body["detail_sv"], body["phone"]) == (
            "Web booking is closed for now. Call us.",
            "Webbokningen är tillfälligt stängd. Ring oss.",
            "010-476 11 22",
        )
        assert body["message_sv"] == body["detail_sv"]
        assert await written_for(api, pnr) == NOTHING
        assert await slot_status(api, here) == "free"
        in_force = (await api.http.get("/v1/staff/closures", headers=admin)).json()["items"]
        assert closure_id in {c["id"] for c in in_force}
        # Other clinics are open; the phone line still books the closed clinic.
        assert (await booked(api, me, elsewhere))["slot_id"] == elsewhere
    finally:
        reopened = await api.http.post(f"/v1/staff/closures/{closure_id}/reopen", headers=admin)
    assert reopened.json() == {"id": closure_id, "reopened": True}
    assert closure_id not in {
        c["id"] for c in (await api.http.get("/v1/staff/closures", headers=admin)).json()["items"]
    }
    assert (await booked(api, me, here))["slot_id"] == here


async def test_closing_a_time_type_region_wide(api: Api) -> None:
    (nurse_phone,) = await api.new_slots(1, time_type="nurse-phone", clinic=THIRD_CLINIC)
    (nurse_visit,) = await api.new_slots(1, clinic=THIRD_CLINIC, start=in_hours(24 * 5))
    pnr, me = await api.resident()
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    created = await api.http.post("/v1/staff/closures", json=_closure(time_type_code="nurse-phone"), headers=admin)
    assert created.status_code == 201, created.text
    closure_id = created.json()["id"]
    conditions = ["not-urgent", "reachable-by-phone"]
    try:
        problem(await post_booking(api, me, nurse_phone, conditions=conditions), 403, "WEB_BOOKING_CLOSED")
        assert await written_for(api, pnr) == NOTHING
        assert (await booked(api, me, nurse_visit))["slot_id"] == nurse_visit
    finally:
        assert (await api.http.post(f"/v1/staff/closures/{closure_id}/reopen", headers=admin)).status_code == 200
    assert (await booked(api, me, nurse_phone, conditions=conditions))["slot_id"] == nurse_phone


async def test_closing_the_whole_region(api: Api) -> None:
    (slot,) = await api.new_slots(1, clinic=OTHER_CLINIC)
    pnr, me = await api.resident()
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    created = await api.http.post("/v1/staff/closures", json=_closure(), headers=admin)
    assert created.status_code == 201, created.text
    closure_id = created.json()["id"]
    try:
        body = problem(await post_booking(api, me, slot), 403, "WEB_BOOKING_CLOSED")
        assert body["phone"] == "010-476 11 22"
        # A clinic's staff cannot lift the region's closure.
        clinic_staff = await api.staff(roles=["clinic_staff"], clinics=[OTHER_CLINIC])
        problem(await api.http.post(f"/v1/staff/closures/{closure_id}/reopen", headers=clinic_staff), 403, "FORBIDDEN")
        assert await written_for(api, pnr) == NOTHING
    finally:
        assert (await api.http.post(f"/v1/staff/closures/{closure_id}/reopen", headers=admin)).status_code == 200
    assert (await booked(api, me, slot))["slot_id"] == slot
    problem(
        await api.http.post(f"/v1/staff/closures/{uuid.uuid4()}/reopen", headers=admin), 404, "CLOSURE_DOES_NOT_EXIST"
    )


async def test_rollout_switch_per_clinic(api: Api) -> None:
    (slot,) = await api.new_slots(1, clinic=THIRD_CLINIC)
    (not_rolled_out,) = await api.new_slots(1, clinic=NO_ROLLOUT_CLINIC)
    pnr, me = await api.resident()
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    clinic_phone = (await api.http.get(f"/v1/clinics/{THIRD_CLINIC}")).json()["phone"]

    body = problem(await post_booking(api, me, not_rolled_out), 403, "WEB_BOOKING_CLOSED")
    assert body["phone"] == (await api.http.get(f"/v1/clinics/{NO_ROLLOUT_CLINIC}")).json()["phone"]
    assert not await listed(api, not_rolled_out)

    switch = f"/v1/staff/clinics/{THIRD_CLINIC.lower()}/web-booking"
    off = await api.http.put(switch, json={"web_booking_enabled": False}, headers=admin)
    assert off.json() == {"hsa_id": THIRD_CLINIC, "web_booking_enabled": False}
    try:
        assert (await api.http.get(f"/v1/clinics/{THIRD_CLINIC}")).json()["web_booking_enabled"] is False
        assert not await listed(api, slot)
        body = problem(await post_booking(api, me, slot), 403, "WEB_BOOKING_CLOSED")
        assert body["phone"] == clinic_phone
        assert await written_for(api, pnr) == NOTHING
    finally:
        on = await api.http.put(switch, json={"web_booking_enabled": True}, headers=admin)
    assert on.status_code == 200, on.text
    assert await listed(api, slot)
    assert (await booked(api, me, slot))["slot_id"] == slot
    unknown = await api.http.put(
        "/v1/staff/clinics/SE2321000115-NOPE/web-booking", json={"web_booking_enabled": True}, headers=admin
    )
    problem(unknown, 404, "CLINIC_DOES_NOT_EXIST")


async def test_closures_need_a_message_and_a_phone(api: Api) -> None:
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    response = await api.http.post(
        "/v1/staff/closures", json={"clinic_hsa_id": THIRD_CLINIC, "message_sv": "", "message_en": "x"}, headers=admin
    )
    problem(response, 422, "INVALID_REQUEST")
    assert THIRD_CLINIC not in {
        c["clinic_hsa_id"] for c in (await api.http.get("/v1/staff/closures", headers=admin)).json()["items"]
    }


async def test_phone_line_books_without_the_web_condition_texts(api: Api) -> None:
    """Residents confirm every condition text; staff on the phone line have asked instead."""
    (slot,) = await api.new_slots(1, clinic=THIRD_CLINIC)
    pnr, me = await api.resident()
    problem(await post_booking(api, me, slot, conditions=NURSE_CONDITIONS[:1]), 422, "CONDITIONS_NOT_CONFIRMED")
    staff = await api.staff(roles=["booking_staff"], clinics=[THIRD_CLINIC])
    assert (await phone_booking(api, staff, pnr, slot)).status_code == 201
