"""The call-back list is scoped to the staff member's clinics (finding 2 of the security review: any
booking_staff listed and exported every follow-up in the region, with full personnummer, and
cancelled other clinics' bookings; booking applied the cancel command without a clinic check)."""

import uuid
from datetime import timedelta

import sqlalchemy as sa

from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.messaging.envelope import Envelope
from tests.support.booking.helpers import HOME_CLINIC, OTHER_CLINIC, phone_booking
from tests.support.eligibility import System, seen_by_eligibility, today
from tests.support.people import personnummer
from tests.support.waiting import wait_for


async def _attested_booking(system: System, clinic: str, staff: dict[str, str]) -> tuple[str, str]:
    """A vaccination booked by phone after control questions (so it is on the call-back list)."""
    (slot,) = await system.api.new_slots(
        time_type="covid19-dose1", clinic=clinic, start=today() + timedelta(days=3), length_min=10
    )
    pnr = personnummer(year=1987)
    answer = await phone_booking(system.api, staff, pnr, slot)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"]), pnr


async def _booking_status(system: System, appointment_id: str) -> str:
    async with system.api.engine.connect() as conn:
        status = await conn.scalar(
            sa.text("SELECT status FROM appointments WHERE id = :id"), {"id": uuid.UUID(appointment_id)}
        )
    return str(status)


async def test_staff_see_export_and_cancel_only_their_clinics_follow_ups(system: System) -> None:
    home = await system.api.staff(roles=["booking_staff"], clinics=[HOME_CLINIC], hsa_id="SE2321000115-E2001")
    other = await system.api.staff(roles=["booking_staff"], clinics=[OTHER_CLINIC], hsa_id="SE2321000115-E2002")
    admin = await system.admin()
    mine, my_pnr = await _attested_booking(system, HOME_CLINIC, home)
    theirs, their_pnr = await _attested_booking(system, OTHER_CLINIC, other)
    await seen_by_eligibility(system, mine)
    await seen_by_eligibility(system, theirs)

    async def listed(headers: dict[str, str]) -> set[str]:
        items = (await system.http.get("/v1/follow-ups", headers=headers)).json()["items"]
        return {i["appointment_id"] for i in items} & {mine, theirs}

    async def both_on_the_list() -> bool:
        return await listed(admin) == {mine, theirs}

    await wait_for(both_on_the_list, timeout=20)
    assert await listed(home) == {mine}
    assert await listed(other) == {theirs}
    exported = (await system.http.get("/v1/follow-ups/export.csv", headers=home)).text
    assert my_pnr in exported and their_pnr not in exported

    # Another clinic's follow-up is as good as not there: 404, and booking keeps the appointment.
    refused = await system.http.post(f"/v1/follow-ups/{theirs}/cancel", headers=home)
    assert (refused.status_code, refused.json()["code"]) == (404, "FOLLOW_UP_DOES_NOT_EXIST")
    assert (await system.http.post(f"/v1/follow-ups/{theirs}/confirm", headers=home)).status_code == 404
    assert await _booking_status(system, theirs) in {"pending", "booked"}
    # Their own: cancelled through booking.
    assert (await system.http.post(f"/v1/follow-ups/{mine}/cancel", headers=home)).status_code == 202
    await seen_by_eligibility(system, mine, "cancelled")


async def test_booking_checks_the_commands_clinic_scope_again(system: System) -> None:
    """Eligibility's command names the clinics the staff member acts for; booking refuses a cancel
    outside them even from eligibility's own broker login."""
    other = await system.api.staff(roles=["booking_staff"], clinics=[OTHER_CLINIC])
    theirs, _ = await _attested_booking(system, OTHER_CLINIC, other)
    command = CancelAppointmentForEligibility(
        appointment_id=uuid.UUID(theirs), staff_hsa_id="SE2321000115-E2001", staff_clinics=[HOME_CLINIC]
    )
    envelope = Envelope.wrap(command)
    await system.api.publisher.publish(envelope)  # as eligibility, the command's owner

    async def refusal_recorded() -> bool:
        async with system.api.engine.connect() as conn:
            return bool(
                await conn.scalar(
                    sa.text(
                        "SELECT count(*) FROM audit_log WHERE appointment_id = :id"
                        " AND action = 'cancel_after_follow_up_refused'"
                    ),
                    {"id": uuid.UUID(theirs)},
                )
            )

    await wait_for(refusal_recorded, timeout=20)
    assert await _booking_status(system, theirs) in {"pending", "booked"}
