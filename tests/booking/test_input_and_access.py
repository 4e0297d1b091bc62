"""Input that would reach the database raw, and staff reads that left no trace (findings 10 and 11
of the security review: a NUL in a closure message answered 500; personnummer in Arabic-Indic or
full-width digits passed as a second person; staff reads of personal data were not audited)."""

import sqlalchemy as sa

from services.booking.adapters.tables import audit_log, closures
from tests.support.booking import Api
from tests.support.booking.helpers import HOME_CLINIC, NURSE_CONDITIONS, booked, phone_booking, post_booking, problem

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


async def test_control_characters_are_refused_everywhere_with_one_code(api: Api) -> None:
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    for message in ("Stängt\x00", "Ring oss\u202e", "rad\x1b[2J"):
        body = {"message_sv": message, "message_en": "Closed", "phone": "010-476 00 00", "clinic_hsa_id": HOME_CLINIC}
        problem(await api.http.post("/v1/staff/closures", json=body, headers=admin), 422, "INVALID_CHARACTERS")
    problem(await api.http.get("/v1/slots", params={"clinic": "SE2321000115-O1\x00"}), 422, "INVALID_CHARACTERS")
    problem(await api.http.get("/v1/clinics/SE2321000115-O1%00"), 422, "INVALID_CHARACTERS")
    # Times a database or Python cannot hold are input errors too, not overflows.
    for edge in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
        problem(await api.http.get("/v1/slots", params={"from": edge}), 422, "INVALID_REQUEST")
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    refused = await post_booking(api, me, slot, conditions=[*NURSE_CONDITIONS, "x\x00"])
    problem(refused, 422, "INVALID_CHARACTERS")
    async with api.engine.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).where(closures.c.message_en == "Closed")) == 0


async def test_a_personnummer_in_other_digits_is_not_a_second_person(api: Api) -> None:
    staff = await api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC])
    first, second = await api.new_slots(2)
    pnr, _ = await api.resident()
    assert (await phone_booking(api, staff, pnr, first)).status_code == 201
    for digits in (ARABIC_INDIC, FULL_WIDTH):
        disguised = pnr.translate(digits)
        problem(await phone_booking(api, staff, disguised, second), 422, "INVALID_PERSONNUMMER")


async def test_staff_reads_of_personal_data_are_audited(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    made = await booked(api, me, slot, conditions=NURSE_CONDITIONS)
    staff = await api.staff(roles=["clinic_staff"], clinics=[HOME_CLINIC], hsa_id="SE2321000115-E3003")
    assert (
        await api.http.get("/v1/staff/appointments", params={"clinic": HOME_CLINIC}, headers=staff)
    ).status_code == 200
    assert (await api.http.get(f"/v1/staff/appointments/{made['id']}/audit", headers=staff)).status_code == 200
    async with api.engine.connect() as conn:
        reads = (
            await conn.execute(
                sa.select(audit_log.c.action, audit_log.c.details, audit_log.c.subject)
                .where(audit_log.c.actor_id == "SE2321000115-E3003")
                .order_by(audit_log.c.id)
            )
        ).all()
    assert [r.action for r in reads] == ["read_clinic_appointments", "read_audit_trail"]
    assert reads[0].details["clinic"] == HOME_CLINIC and reads[0].details["rows"] >= 1
    assert reads[1].subject == pnr  # whose data was read: in the audit table, never in the logs
    assert pnr not in str(reads[0].details) + str(reads[1].details)
