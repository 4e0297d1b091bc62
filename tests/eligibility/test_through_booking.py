"""Through the booking API, with the real broker, eligibility consumer and databases."""

import asyncio
import uuid
from datetime import timedelta

import sqlalchemy as sa

from services.eligibility.adapters.tables import decisions
from shared.contracts.common import Channel
from shared.contracts.schedule import VasAppointmentBooked
from shared.messaging.envelope import Envelope
from tests.support.booking.helpers import COVID1_CONDITIONS, HOME_CLINIC, NURSE_CONDITIONS, post_booking
from tests.support.eligibility import ROSTER_HSA, System, book_covid, covid_slots, seen_by_eligibility, today
from tests.support.infra import Infra
from tests.support.people import personnummer
from tests.support.waiting import wait_for

DOSE2_CONDITIONS = ["dose1-at-least-3w", "no-covid-4w", "no-severe-reaction-dose1", "not-ill-today"]


async def test_ineligible_resident_is_told_why_and_an_eligible_one_books(system: System) -> None:
    slot_young, slot_old, _slot_care = await covid_slots(system, 3)
    _young, young_headers = await system.api.resident(personnummer(year=1990))
    status, body = await book_covid(system, young_headers, slot_young)
    assert status == 403
    assert body["code"] == "NOT_ELIGIBLE"
    assert body["reason"] == "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP"
    assert str(body["rule_version"]).startswith("covid19-test@")
    assert body["evidence"] == {"next_phase_opens": (today() + timedelta(days=10)).date().isoformat()}
    assert body["detail_sv"]

    _, old = await system.api.resident(personnummer(year=1935))
    status, body = await book_covid(system, old, slot_old)
    assert status == 201, body
    # Still free for someone eligible: the refusal changed nothing.
    care_pnr = personnummer(year=1975)
    assert (
        await system.put_register("home-care", f"personnummer,kind,municipality\n{care_pnr},home_care,Halmstad\n")
    ).status_code == 200
    _, care = await system.api.resident(care_pnr)
    status, body = await book_covid(system, care, slot_young)
    assert status == 201, body
    async with system.engine.connect() as conn:
        reasons = set((await conn.execute(sa.select(decisions.c.reason).where(decisions.c.eligible))).scalars())
    assert {"AGE_80_PLUS", "HOME_CARE"} <= reasons


async def test_a_leaked_staff_link_gets_nobody_in(system: System) -> None:
    slot, other_slot = await covid_slots(system, 2)
    nurse_pnr = personnummer(year=1985)
    roster = f"hsa_id,personnummer,workplace\n{ROSTER_HSA},{nurse_pnr},Vårdcentralen Andersberg\n"
    assert (await system.put_register("staff-roster", roster)).status_code == 200
    body: dict[str, object] = {"personnummer": nurse_pnr, "slot_id": slot, "confirmed_conditions": COVID1_CONDITIONS}

    async def link(headers: dict[str, str], payload: dict[str, object] = body) -> tuple[int, dict[str, object]]:
        answer = await system.api.http.post(
            "/v1/staff-link/appointments", json=payload, headers={**headers, "Idempotency-Key": str(uuid.uuid4())}
        )
        return answer.status_code, answer.json()

    assert (await link({}))[0] == 401  # the link alone
    _, resident = await system.api.resident(nurse_pnr)
    assert (await link(resident))[1]["code"] == "FORBIDDEN"  # a resident's login
    stranger = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC], hsa_id="SE2321000115-E9999")
    status, answer = await link(stranger)
    assert (status, answer["reason"]) == (403, "NOT_ELIGIBLE_NOT_ON_STAFF_ROSTER")
    on_roster = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC], hsa_id=ROSTER_HSA)
    # On the roster, but booking for someone else.
    status, answer = await link(on_roster, {**body, "personnummer": personnummer(year=1960), "slot_id": other_slot})
    assert (status, answer["reason"]) == (403, "NOT_ELIGIBLE_NOT_ON_STAFF_ROSTER")
    status, answer = await link(on_roster)
    assert status == 201, answer
    assert answer["channel"] == "staff_link"


async def _invitation(system: System, pnr: str) -> str:
    letters = f"personnummer,name,street,postal_code,city\n{pnr},Test Testsson,Storgatan 1,302 40,Halmstad\n"
    headers = {**await system.admin(), "Content-Type": "text/csv"}
    made = await system.http.post(
        "/v1/campaigns/covid19-test/phases/letters/invitations", content=letters.encode(), headers=headers
    )
    assert made.status_code == 201, made.text
    exported = await system.http.get(f"/v1/invitation-batches/{made.json()['batch_id']}/letters.csv", headers=headers)
    pdf = await system.http.get(f"/v1/invitation-batches/{made.json()['batch_id']}/letters.pdf", headers=headers)
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert pnr not in exported.text  # the print shop gets name, address and code only
    return exported.text.splitlines()[1].split(",")[4]


async def test_an_invitation_books_once_and_cancelling_gives_it_back(system: System) -> None:
    pnr = personnummer(year=1995)
    code = await _invitation(system, pnr)
    first, second, third = await covid_slots(system, 3)
    _, me = await system.api.resident(pnr)
    _, thief = await system.api.resident(personnummer(year=1995))
    status, body = await book_covid(system, thief, first, invitation_code=code)
    assert (status, body["reason"]) == (403, "NOT_ELIGIBLE_INVITATION_INVALID")  # bound to its person
    status, booked = await book_covid(system, me, first, invitation_code=code.lower())
    assert status == 201, booked
    await seen_by_eligibility(system, str(booked["id"]))
    cancelled = await system.api.http.post(f"/v1/appointments/{booked['id']}/cancel", headers=me)
    assert cancelled.status_code == 200
    await seen_by_eligibility(system, str(booked["id"]), "cancelled")
    status, again = await book_covid(system, me, second, invitation_code=code)
    assert status == 201, again
    await seen_by_eligibility(system, str(again["id"]))
    status, body = await book_covid(system, me, third, invitation_code=code)
    assert status == 403


async def test_a_code_used_twice_at_once_books_once(system: System) -> None:
    """Even where the per-person limit would allow two bookings, one letter books one time."""
    async with system.api.engine.begin() as conn:
        await conn.execute(sa.text("UPDATE time_types SET max_live_per_person = NULL WHERE code = 'covid19-dose1'"))
    await system.put_campaign(
        __import__("tests.eligibility.conftest", fromlist=["campaign"]).campaign(max_live_per_person=5)
    )
    try:
        pnr = personnummer(year=1996)
        code = await _invitation(system, pnr)
        slots = await covid_slots(system, 6, days=5)
        _, me = await system.api.resident(pnr)
        answers = await asyncio.gather(*(book_covid(system, me, s, invitation_code=code) for s in slots))
        statuses = sorted(status for status, _ in answers)
        assert statuses == [201] + [403] * 5, answers
        assert {body["reason"] for status, body in answers if status == 403} == {"NOT_ELIGIBLE_INVITATION_USED"}
        async with system.api.engine.connect() as conn:
            live = await conn.scalar(
                sa.text(
                    "SELECT count(*) FROM appointments WHERE invitation_code = :c AND status IN ('pending','booked')"
                ),
                {"c": code.replace("-", "")},
            )
        assert live == 1
    finally:
        async with system.api.engine.begin() as conn:
            await conn.execute(sa.text("UPDATE time_types SET max_live_per_person = 1 WHERE code = 'covid19-dose1'"))


async def test_dose_two_waits_21_days_after_dose_one(system: System) -> None:
    (dose1,) = await covid_slots(system, days=2)
    too_early, in_time = await covid_slots(system, 1, days=22, dose=2) + await covid_slots(system, 1, days=24, dose=2)
    _, me = await system.api.resident(personnummer(year=1930))
    answer = await post_booking(system.api, me, too_early, conditions=DOSE2_CONDITIONS)
    assert answer.json()["reason"] == "NOT_ELIGIBLE_NO_EARLIER_DOSE"
    status, first = await book_covid(system, me, dose1)
    assert status == 201
    await seen_by_eligibility(system, str(first["id"]))
    answer = await post_booking(system.api, me, too_early, conditions=DOSE2_CONDITIONS)
    assert answer.json()["reason"] == "NOT_ELIGIBLE_DOSE_INTERVAL"
    answer = await post_booking(system.api, me, in_time, conditions=DOSE2_CONDITIONS)
    assert answer.status_code == 201, answer.text


async def test_moving_dose_two_is_asked_again_for_the_new_date(system: System) -> None:
    (dose1,) = await covid_slots(system, days=2)
    (too_early,) = await covid_slots(system, 1, days=22, dose=2)
    in_time, later = await covid_slots(system, 2, days=24, dose=2)
    _, me = await system.api.resident(personnummer(year=1931))
    status, first = await book_covid(system, me, dose1)
    assert status == 201
    await seen_by_eligibility(system, str(first["id"]))
    second = (await post_booking(system.api, me, in_time, conditions=DOSE2_CONDITIONS)).json()
    await seen_by_eligibility(system, str(second["id"]))

    async def move(slot: str) -> tuple[int, dict[str, object]]:
        answer = await system.api.http.post(
            f"/v1/appointments/{second['id']}/reschedule",
            json={"slot_id": slot, "confirmed_conditions": DOSE2_CONDITIONS},
            headers=me,
        )
        return answer.status_code, answer.json()

    status, refused = await move(too_early)
    assert (status, refused["code"], refused["reason"]) == (403, "NOT_ELIGIBLE", "NOT_ELIGIBLE_DOSE_INTERVAL")
    mine = (await system.api.http.get(f"/v1/appointments/{second['id']}", headers=me)).json()
    assert mine["slot_id"] == in_time  # the refusal changed nothing
    status, moved = await move(later)
    assert (status, moved["slot_id"]) == (200, later), moved


async def test_a_hold_on_a_scarce_time_needs_eligibility(system: System) -> None:
    (slot,) = await covid_slots(system)
    _, young = await system.api.resident(personnummer(year=1992))
    refused = await system.api.http.post(f"/v1/slots/{slot}/hold", headers=young)
    assert (refused.status_code, refused.json()["reason"]) == (403, "NOT_ELIGIBLE_NOT_IN_PRIORITY_GROUP")
    _, old = await system.api.resident(personnummer(year=1931))
    assert (await system.api.http.post(f"/v1/slots/{slot}/hold", headers=old)).status_code == 200


async def test_eligibility_down_fails_restricted_bookings_closed_only(booking_alone: object) -> None:
    from tests.support.booking import Api

    assert isinstance(booking_alone, Api)
    api = booking_alone
    (covid,) = await api.new_slots(time_type="covid19-dose1", length_min=10)
    (nurse,) = await api.new_slots(start=today() + timedelta(days=4))
    _, me = await api.resident(personnummer(year=1930))
    refused = await post_booking(api, me, covid, conditions=COVID1_CONDITIONS)
    assert refused.status_code == 503
    assert refused.json()["code"] == "ELIGIBILITY_UNAVAILABLE"
    assert refused.headers["Retry-After"] and refused.json()["detail_sv"]
    booked = await post_booking(api, me, nurse, conditions=NURSE_CONDITIONS)
    assert booked.status_code == 201, booked.text


async def test_no_answer_in_time_fails_closed(booking_alone: object, env: object, infra: Infra) -> None:
    import aio_pika

    from shared.contracts.eligibility import decision_queue
    from tests.support.booking import Api

    assert isinstance(booking_alone, Api)
    api = booking_alone
    # A decision queue nobody consumes: the request is accepted by the broker, never answered.
    connection = await aio_pika.connect(infra.amqp_url_for("eligibility"))
    channel = await connection.channel()
    queue = await channel.declare_queue(decision_queue(api.env.settings.namespace), durable=False, auto_delete=True)
    try:
        (covid,) = await api.new_slots(time_type="covid19-dose1", length_min=10)
        _, me = await api.resident(personnummer(year=1930))
        refused = await post_booking(api, me, covid, conditions=COVID1_CONDITIONS)
        assert (refused.status_code, refused.json()["code"]) == (503, "ELIGIBILITY_UNAVAILABLE")
    finally:
        await queue.delete(if_unused=False, if_empty=False)
        await connection.close()


async def test_a_dose_one_booked_by_phone_in_vas_opens_dose_two_on_the_web(system: System) -> None:
    (dose1,) = await covid_slots(system, days=2)
    (dose2,) = await covid_slots(system, 1, days=24, dose=2)
    pnr = personnummer(year=1929)
    _, me = await system.api.resident(pnr)
    answer = await post_booking(system.api, me, dose2, conditions=DOSE2_CONDITIONS)
    assert answer.json()["reason"] == "NOT_ELIGIBLE_NO_EARLIER_DOSE"

    # The clinic books dose 1 for the resident on the phone, in VAS; the change feed brings it.
    start = today() + timedelta(days=2)
    await system.api.publisher.publish(
        Envelope.wrap(
            VasAppointmentBooked(
                vas_appointment_id=f"vas-{uuid.uuid4().hex[:10]}",
                slot_id=dose1,
                clinic_hsa_id=HOME_CLINIC,
                time_type_code="covid19-dose1",
                start=start,
                end=start + timedelta(minutes=10),
                subject=pnr,
                channel=Channel.PHONE,
            )
        )
    )

    async def phone_booking_seen() -> str | None:
        items = (await system.api.http.get("/v1/appointments", headers=me)).json()["items"]
        return str(items[0]["id"]) if items else None

    phone_booked = await wait_for(phone_booking_seen, timeout=20, interval=0.05)
    assert phone_booked is not None
    await seen_by_eligibility(system, phone_booked)
    answer = await post_booking(system.api, me, dose2, conditions=DOSE2_CONDITIONS)
    assert answer.status_code == 201, answer.text
