"""The admin API: versioned campaigns, all-or-nothing register imports, the follow-up list."""

import uuid

import sqlalchemy as sa

from services.eligibility.adapters.tables import audit_log, home_care
from tests.support.booking.helpers import HOME_CLINIC, phone_booking
from tests.support.eligibility import System, book_covid, campaign, covid_slots, seen_by_eligibility
from tests.support.people import personnummer
from tests.support.waiting import wait_for


async def test_every_rule_change_is_a_version_and_decisions_name_it(system: System) -> None:
    before = await system.put_campaign(campaign(name_en="COVID-19"))
    after = await system.put_campaign(campaign(name_en="COVID-19 vaccination"))
    assert after["version"] == before["version"] + 1
    versions = await system.http.get("/v1/campaigns/covid19-test/versions", headers=await system.admin())
    assert versions.json()["items"][-1]["changed_by"] == "SE2321000115-A0001"
    (slot,) = await covid_slots(system)
    _, young = await system.api.resident(personnummer(year=1999))
    _, body = await book_covid(system, young, slot)
    assert body["rule_version"] == after["rule_version"]
    async with system.engine.connect() as conn:
        actions = set((await conn.execute(sa.select(audit_log.c.action))).scalars())
    assert "campaign_changed" in actions


async def test_rules_are_changed_by_regional_admins_only(system: System) -> None:
    clerk = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    answer = await system.http.put("/v1/campaigns/covid19-test", json=campaign(), headers=clerk)
    assert (answer.status_code, answer.json()["code"]) == (403, "FORBIDDEN")
    bad = await system.http.put("/v1/campaigns/covid19-test", json=campaign(phases=[]), headers=await system.admin())
    assert (bad.status_code, bad.json()["code"]) == (422, "INVALID_REQUEST")


async def test_a_file_with_bad_rows_imports_nothing_and_says_which(system: System) -> None:
    good = personnummer(year=1950)
    assert (
        await system.put_register("home-care", f"personnummer,kind,municipality\n{good},home_care,Varberg\n")
    ).status_code == 200
    csv = (
        "personnummer,kind,municipality\n"
        f"{personnummer(year=1940)},home_care,Halmstad\n"
        "19121212-1213,home_care,Halmstad\n"  # wrong check digit
        f"{personnummer(year=1941)},day_care,Halmstad\n"
        f"{good},home_health_care,\n"
    )
    answer = await system.put_register("home-care", csv)
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["code"] == "IMPORT_REJECTED" and problem["imported"] == 0
    assert [e["line"] for e in problem["errors"]] == [3, 4, 5]
    assert "1213" not in answer.text  # the report does not echo personal data
    async with system.engine.connect() as conn:
        assert list((await conn.execute(sa.select(home_care.c.personnummer))).scalars()) == [good]


async def test_follow_up_list_confirm_and_cancel_through_booking(system: System) -> None:
    first, second = await covid_slots(system, 2)
    staff = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    young_a, young_b = personnummer(year=1988), personnummer(year=1989)
    # Under 80 in the 80+ phase, no register says so: the staff member attests after control questions.
    booked_a = await phone_booking(system.api, staff, young_a, first)
    booked_b = await phone_booking(system.api, staff, young_b, second)
    assert booked_a.status_code == 201 and booked_b.status_code == 201, (booked_a.text, booked_b.text)
    a, b = booked_a.json()["id"], booked_b.json()["id"]

    async def listed() -> list[str]:
        answer = await system.http.get("/v1/follow-ups", headers=staff)
        return [item["appointment_id"] for item in answer.json()["items"] if item["appointment_id"] in (a, b)]

    async def both_listed() -> bool:
        return len(await listed()) == 2

    await wait_for(both_listed, timeout=20)
    page = (await system.http.get("/v1/follow-ups", headers=staff)).json()["items"]
    assert all(item["personnummer"].endswith("-****") for item in page)
    assert {i["reason"] for i in page if i["appointment_id"] == a} == {"STAFF_ATTESTED"}
    exported = await system.http.get("/v1/follow-ups/export.csv", headers=staff)
    assert young_a in exported.text

    assert (await system.http.post(f"/v1/follow-ups/{a}/confirm", headers=staff)).json()["status"] == "confirmed"
    assert (await system.http.post(f"/v1/follow-ups/{b}/cancel", headers=staff)).status_code == 202
    # Booking cancels it (slot free again, AppointmentCancelled to VAS sync), eligibility sees that.
    await seen_by_eligibility(system, b, "cancelled")
    async with system.api.engine.connect() as conn:
        status = await conn.scalar(sa.text("SELECT status FROM appointments WHERE id = :id"), {"id": uuid.UUID(b)})
        trail = await conn.scalar(
            sa.text("SELECT actor_id FROM audit_log WHERE appointment_id = :id AND action = 'cancel_after_follow_up'"),
            {"id": uuid.UUID(b)},
        )
    assert status == "cancelled" and trail == "SE2321000115-E1001"
    again = await system.http.post(f"/v1/follow-ups/{a}/confirm", headers=staff)
    assert (again.status_code, again.json()["code"]) == (409, "FOLLOW_UP_ALREADY_DECIDED")


async def test_self_declared_bookings_are_flagged_when_the_region_allows_them(system: System) -> None:
    (slot,) = await covid_slots(system)
    _pnr, me = await system.api.resident(personnummer(year=1991))
    _, refused = await book_covid(system, me, slot, self_declared_group="household")
    assert refused["reason"] == "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP"
    await system.put_campaign(campaign(self_declared_allowed=True))
    status, booked = await book_covid(system, me, slot, self_declared_group="household")
    assert status == 201, booked
    await seen_by_eligibility(system, str(booked["id"]))
    async with system.api.engine.connect() as conn:
        flagged = await conn.scalar(
            sa.text("SELECT self_declared FROM appointments WHERE id = :id"), {"id": uuid.UUID(str(booked["id"]))}
        )
    assert flagged is True
    staff = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])

    async def on_list() -> bool:
        items = (await system.http.get("/v1/follow-ups", headers=staff)).json()["items"]
        return any(i["appointment_id"] == booked["id"] and i["reason"] == "SELF_DECLARED" for i in items)

    await wait_for(on_list, timeout=20)
