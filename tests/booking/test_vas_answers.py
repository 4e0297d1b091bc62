"""What VAS says flows back to the resident: confirmations and refusals from VAS sync, phone
bookings and clinic cancellations made in VAS, withdrawn times — published on the real broker
as VAS sync would, and seen through the resident's API. Plus `Prefer: wait` (RFC 7240)."""

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from services.booking.adapters.status_signal import StatusWaiter
from services.booking.adapters.tables import appointments, slots
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.common import Channel
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.tables import inbox, outbox
from shared.metrics import RETRIED
from tests.support.booking import Api
from tests.support.booking.helpers import (
    HOME_CLINIC,
    NURSE,
    NURSE_CONDITIONS,
    OTHER_CLINIC,
    booked,
    in_hours,
    listed,
    post_booking,
    problem,
    slot_status,
)
from tests.support.people import personnummer
from tests.support.waiting import wait_for


async def publish(api: Api, event: Contract) -> Envelope:
    envelope = Envelope.wrap(event)
    await api.publisher.publish(envelope)
    return envelope


async def appointment_in(api: Api, headers: dict[str, str], appointment_id: str, status: str) -> dict[str, Any]:
    """Poll the resident's view until the appointment shows `status`."""

    async def shown() -> dict[str, Any]:
        body = dict((await api.http.get(f"/v1/appointments/{appointment_id}", headers=headers)).json())
        return body if body.get("status") == status else {}

    result: dict[str, Any] = await wait_for(shown, timeout=15, interval=0.05)
    return result


async def handled(api: Api, envelope: Envelope) -> None:
    async def seen() -> bool:
        async with api.engine.connect() as conn:
            return bool(await conn.scalar(sa.select(sa.func.count()).where(inbox.c.message_id == envelope.id)))

    await wait_for(seen, timeout=15, interval=0.05)


async def confirmed_in_vas(api: Api, headers: dict[str, str], appointment_id: str) -> str:
    """VAS sync's confirmation of a new booking (version 1), seen by the resident; the VAS id."""
    vas_id = f"vas-{uuid.uuid4().hex[:10]}"
    confirmation = AppointmentConfirmed(appointment_id=uuid.UUID(appointment_id), version=1, vas_appointment_id=vas_id)
    await publish(api, confirmation)
    await appointment_in(api, headers, appointment_id, "booked")
    return vas_id


async def audit_actions(api: Api, appointment_id: str) -> list[str]:
    admin = await api.staff(roles=["regional_admin"], clinics=[])
    trail = await api.http.get(f"/v1/staff/appointments/{appointment_id}/audit", headers=admin)
    return [entry["action"] for entry in trail.json()["items"]]


async def test_vas_confirmation_makes_the_booking_booked(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    assert made["status"] == "pending"
    confirmation = await publish(
        api, AppointmentConfirmed(appointment_id=uuid.UUID(made["id"]), version=1, vas_appointment_id=f"vas-{slot}")
    )
    shown = await appointment_in(api, me, made["id"], "booked")
    assert (shown["slot_id"], shown["version"]) == (slot, 1)
    # The same answer again, and an answer for a version that is not the appointment's, change nothing.
    await api.publisher.publish(confirmation)
    stale = await publish(
        api, AppointmentRejected(appointment_id=uuid.UUID(made["id"]), version=7, code="APPOINTMENT_IS_NOT_ALLOWED")
    )
    await handled(api, stale)
    stale_confirmation = await publish(
        api, AppointmentConfirmed(appointment_id=uuid.UUID(made["id"]), version=7, vas_appointment_id="vas-other")
    )
    await handled(api, stale_confirmation)
    assert (await api.http.get(f"/v1/appointments/{made['id']}", headers=me)).json()["status"] == "booked"
    assert await audit_actions(api, made["id"]) == ["book", "confirmed_in_vas"]
    assert await slot_status(api, slot) == "busy"


async def test_vas_refusal_because_the_time_was_taken(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    await publish(
        api,
        AppointmentRejected(appointment_id=uuid.UUID(made["id"]), version=1, code="REQUESTED_TIME_IS_ALREADY_RESERVED"),
    )
    shown = await appointment_in(api, me, made["id"], "rejected")
    assert shown["rejection_code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"
    # Someone got it in VAS first: the time stays taken.
    assert await slot_status(api, slot) == "busy"
    assert not await listed(api, slot)
    path = f"/v1/appointments/{made['id']}"
    problem(await api.http.post(f"{path}/cancel", headers=me, json={}), 422, "CANCEL_IS_NOT_ALLOWED")
    (spare,) = await api.new_slots(1, start=in_hours(24 * 6))
    moved = await api.http.post(
        f"{path}/reschedule", json={"slot_id": spare, "confirmed_conditions": NURSE_CONDITIONS}, headers=me
    )
    problem(moved, 422, "CANCEL_IS_NOT_ALLOWED")
    assert await slot_status(api, spare) == "free"


async def test_vas_refusal_for_another_reason_frees_the_time(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    await publish(
        api,
        AppointmentRejected(
            appointment_id=uuid.UUID(made["id"]), version=1, code="APPOINTMENT_IS_NOT_ALLOWED", message="blocked"
        ),
    )
    shown = await appointment_in(api, me, made["id"], "rejected")
    assert shown["rejection_code"] == "APPOINTMENT_IS_NOT_ALLOWED"
    assert await listed(api, slot)
    _, other = await api.resident()
    assert (await booked(api, other, slot))["status"] == "pending"


async def test_a_phone_booking_made_in_vas_shows_in_the_residents_list(api: Api) -> None:
    start = in_hours(24 * 4)
    phone_slot, contested = await api.new_slots(2, start=start)
    pnr, me = await api.resident()
    _, web_user = await api.resident()
    web = await booked(api, web_user, contested)  # pending, not yet in VAS

    vas_id = f"vas-{uuid.uuid4().hex[:10]}"
    await publish(
        api,
        VasAppointmentBooked(
            vas_appointment_id=vas_id,
            slot_id=phone_slot,
            clinic_hsa_id=HOME_CLINIC.lower(),
            time_type_code=NURSE,
            start=start,
            end=start + timedelta(minutes=20),
            subject=pnr,
            channel=Channel.PHONE,
        ),
    )

    async def in_my_list() -> list[dict[str, Any]]:
        return list((await api.http.get("/v1/appointments", headers=me)).json()["items"])

    (mine,) = await wait_for(in_my_list, timeout=15, interval=0.05)
    assert (mine["status"], mine["channel"], mine["actor"], mine["clinic"], mine["slot_id"]) == (
        "booked",
        "phone",
        "clinic",
        HOME_CLINIC,
        phone_slot,
    )
    assert not await listed(api, phone_slot)
    # Cancelled on the web, the event names the VAS appointment: VAS sync may get it before the
    # record of the phone booking, and VAS holds that one without our reference to find it by.
    assert (await api.http.post(f"/v1/appointments/{mine['id']}/cancel", headers=me)).status_code == 200
    async with api.engine.connect() as conn:
        body = await conn.scalar(
            sa.select(outbox.c.body).where(
                outbox.c.message_type == "appointment.cancelled", outbox.c.body.contains(mine["id"].encode())
            )
        )
    assert json.loads(body)["payload"]["vas_appointment_id"] == vas_id

    # VAS gave the contested time to a phone caller: the pending web booking has lost.
    caller = personnummer()
    await publish(
        api,
        VasAppointmentBooked(
            vas_appointment_id=f"vas-{uuid.uuid4().hex[:10]}",
            slot_id=contested,
            clinic_hsa_id=HOME_CLINIC,
            time_type_code=NURSE,
            start=start,
            end=start + timedelta(minutes=20),
            subject=caller,
        ),
    )
    lost = await appointment_in(api, web_user, web["id"], "rejected")
    assert lost["rejection_code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"
    _, caller_headers = await api.resident(caller)
    (callers,) = (await api.http.get("/v1/appointments", headers=caller_headers)).json()["items"]
    assert (callers["status"], callers["channel"]) == ("booked", "vas")


async def test_a_clinic_cancellation_in_vas_shows_cancelled_by_the_clinic(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    vas_id = await confirmed_in_vas(api, me, made["id"])

    await publish(
        api, VasAppointmentCancelled(vas_appointment_id=vas_id, slot_id=slot, reference=made["id"], reason="Sjuk")
    )
    shown = await appointment_in(api, me, made["id"], "cancelled")
    assert (shown["cancelled_by"], shown["version"]) == ("clinic", 2)
    assert await listed(api, slot)  # the time is free again
    async with api.engine.connect() as conn:
        events = (
            await conn.scalars(
                sa.select(outbox.c.message_type)
                .where(outbox.c.body.contains(made["id"].encode()))
                .order_by(outbox.c.seq)
            )
        ).all()
    assert events == ["appointment.requested", "appointment.cancelled"]  # notifications tell the resident
    assert await audit_actions(api, made["id"]) == ["book", "confirmed_in_vas", "cancelled_in_vas"]


async def test_a_cancelled_duplicate_under_our_reference_leaves_the_booking_alone(api: Api) -> None:
    """VAS sync cancels a duplicate VAS appointment carrying our reference (a VAS without
    reference idempotency); the feed reports that cancellation. Before the confirmation says
    which VAS appointment is ours, and after it, such a cancellation is not the resident's."""
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    early = await publish(
        api,
        VasAppointmentCancelled(vas_appointment_id="vas-dup-1", slot_id=slot, reference=made["id"], reason="Dubblett"),
    )
    await handled(api, early)
    await confirmed_in_vas(api, me, made["id"])
    late = await publish(
        api,
        VasAppointmentCancelled(vas_appointment_id="vas-dup-2", slot_id=slot, reference=made["id"], reason="Dubblett"),
    )
    await handled(api, late)
    shown = await appointment_in(api, me, made["id"], "booked")
    assert shown["version"] == 1
    assert await audit_actions(api, made["id"]) == ["book", "confirmed_in_vas"]


async def test_a_replay_with_prefer_wait_answers_the_first_appointment_as_it_stands(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    key = str(uuid.uuid4())
    made = await booked(api, me, slot, key=key)
    await confirmed_in_vas(api, me, made["id"])
    again = await post_booking(api, me, slot, key=key, prefer="wait=2")
    assert again.status_code == 201 and again.headers["Preference-Applied"] == "wait=2"
    assert (again.json()["id"], again.json()["status"]) == (made["id"], "booked")


async def test_a_time_withdrawn_in_vas_is_no_longer_available(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    assert await listed(api, slot)
    await publish(api, SlotWithdrawn(slot_id=slot, reason="Sjuksköterskan är sjuk"))

    async def withdrawn() -> bool:
        return await slot_status(api, slot) == "withdrawn"

    await wait_for(withdrawn, timeout=15, interval=0.05)
    assert not await listed(api, slot)
    problem(await post_booking(api, me, slot), 409, "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE")
    problem(await api.http.post(f"/v1/slots/{slot}/hold", headers=me), 409, "REQUESTED_TIME_IS_NO_LONGER_AVAILABLE")
    async with api.engine.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).where(appointments.c.subject == pnr)) == 0

    # Published again, it is bookable again.
    async with api.engine.connect() as conn:
        row = (await conn.execute(sa.text("SELECT start_at, end_at FROM slots WHERE id = :id"), {"id": slot})).one()
    await publish(
        api,
        SlotPublished(
            slot_id=slot, clinic_hsa_id=HOME_CLINIC, time_type_code=NURSE, start=row.start_at, end=row.end_at
        ),
    )

    async def free_again() -> bool:
        return await listed(api, slot)

    await wait_for(free_again, timeout=15, interval=0.05)
    assert (await booked(api, me, slot))["slot_id"] == slot


async def _confirm_once_pending(api: Api, pnr: str, *, version: int = 1, reject: str | None = None) -> None:
    """Play VAS sync: as soon as the person's appointment is pending at `version`, answer."""

    async def pending() -> Any:
        async with api.engine.connect() as conn:
            return (
                await conn.execute(
                    sa.select(appointments.c.id).where(
                        appointments.c.subject == pnr,
                        appointments.c.status == "pending",
                        appointments.c.version == version,
                    )
                )
            ).first()

    row = await wait_for(pending, timeout=10, interval=0.02)

    async def api_waiting() -> bool:  # "shortly after": the API is already waiting
        waiter: StatusWaiter = api.app.state.booking.waiter
        return waiter.waiting_for(row.id) > 0

    await wait_for(api_waiting, timeout=10, interval=0.01)
    answer: Contract = (
        AppointmentRejected(appointment_id=row.id, version=version, code=reject)
        if reject
        else AppointmentConfirmed(appointment_id=row.id, version=version, vas_appointment_id=f"vas-{row.id}")
    )
    await publish(api, answer)


async def test_prefer_wait_answers_booked_when_vas_confirms_in_time(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    pnr, me = await api.resident()
    vas = asyncio.create_task(_confirm_once_pending(api, pnr))
    started = time.monotonic()
    response = await post_booking(api, me, slot, prefer="wait=5")
    elapsed = time.monotonic() - started
    await vas
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "booked"
    assert response.headers["preference-applied"] == "wait=5"
    assert response.headers["location"] == f"/v1/appointments/{response.json()['id']}"
    assert elapsed < 5


async def test_prefer_wait_answers_pending_when_vas_is_slow(api: Api) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    started = time.monotonic()
    response = await post_booking(api, me, slot, prefer="respond-async, wait=1")
    assert time.monotonic() - started >= 1
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "pending"
    assert response.headers["preference-applied"] == "wait=1"
    plain = await post_booking(api, me, (await api.new_slots(1, start=in_hours(24 * 8)))[0])
    assert "preference-applied" not in plain.headers


async def test_prefer_wait_on_rebooking_and_a_refused_move(api: Api) -> None:
    first, second, third = await api.new_slots(3, gap_min=60)
    pnr, me = await api.resident()
    made = await booked(api, me, first)
    await publish(api, AppointmentConfirmed(appointment_id=uuid.UUID(made["id"]), version=1, vas_appointment_id="v1"))
    await appointment_in(api, me, made["id"], "booked")
    path = f"/v1/appointments/{made['id']}/reschedule"

    vas = asyncio.create_task(_confirm_once_pending(api, pnr, version=2))
    moved = await api.http.post(
        path, json={"slot_id": second, "confirmed_conditions": NURSE_CONDITIONS}, headers={**me, "Prefer": "wait=60"}
    )
    await vas
    assert moved.status_code == 200, moved.text
    assert (moved.json()["status"], moved.json()["slot_id"], moved.json()["version"]) == ("booked", second, 2)
    assert moved.headers["preference-applied"] == "wait=10"  # capped at the service's longest wait
    assert (await slot_status(api, first), await slot_status(api, second)) == ("free", "busy")

    # VAS refuses the next move: the appointment stays where VAS has it.
    vas = asyncio.create_task(_confirm_once_pending(api, pnr, version=3, reject="REQUESTED_TIME_IS_ALREADY_RESERVED"))
    refused = await api.http.post(
        path, json={"slot_id": third, "confirmed_conditions": NURSE_CONDITIONS}, headers={**me, "Prefer": "wait=5"}
    )
    await vas
    assert refused.status_code == 200, refused.text
    body = refused.json()
    assert (body["status"], body["slot_id"], body["rejection_code"]) == (
        "booked",
        second,
        "REQUESTED_TIME_IS_ALREADY_RESERVED",
    )
    assert (await slot_status(api, second), await slot_status(api, third)) == ("busy", "busy")


async def test_schedule_changes_that_overtake_each_other_end_in_vas_order(api: Api) -> None:
    """Withdrawn at VAS change 20 arrives before published at change 10: the time stays withdrawn;
    a newer publish (30) frees it again."""
    start = datetime.now(UTC) + timedelta(days=4)
    slot = f"t-{uuid.uuid4().hex[:12]}"
    details = {"clinic_hsa_id": "SE2321000115-O10001", "time_type_code": "nurse-visit", "start": start}
    withdrawn = SlotWithdrawn(slot_id=slot, vas_seq=20, end=start + timedelta(minutes=20), **details)
    published = SlotPublished(slot_id=slot, vas_seq=10, end=start + timedelta(minutes=20), **details)
    envelopes = [Envelope.wrap(event) for event in (withdrawn, published)]
    for envelope in envelopes:
        await api.publisher.publish(envelope)

    async def status() -> str | None:
        async with api.engine.connect() as conn:
            status: str | None = await conn.scalar(
                sa.select(slots.c.status).where(slots.c.id == slot, slots.c.vas_seq == 20)
            )
            return status

    async def both_handled() -> bool:
        query = sa.select(sa.func.count()).where(inbox.c.message_id.in_([e.id for e in envelopes]))
        async with api.engine.connect() as conn:
            return bool(await conn.scalar(query) == 2)

    await wait_for(both_handled, timeout=20)
    assert await status() == "withdrawn"
    await api.publisher.publish(Envelope.wrap(published.model_copy(update={"vas_seq": 30})))

    async def freed() -> bool:
        async with api.engine.connect() as conn:
            return bool(await conn.scalar(sa.select(slots.c.status).where(slots.c.id == slot)) == "free")

    await wait_for(freed, timeout=20)


async def test_a_move_in_vas_from_a_time_the_appointment_has_left_is_not_followed(api: Api) -> None:
    """A late echo of an earlier move (or a clinic move overtaken by the resident's own) starts
    from another time than the booking's: following it would move the booking back and forth."""
    start = in_hours(24 * 5)
    first, elsewhere, later = await api.new_slots(3, start=start)
    _, me = await api.resident()
    made = await booked(api, me, first)
    vas_id = await confirmed_in_vas(api, me, made["id"])

    def moved(to: str, previous: str, at: datetime) -> VasAppointmentMoved:
        return VasAppointmentMoved(
            vas_appointment_id=vas_id,
            reference=made["id"],
            slot_id=to,
            previous_slot_id=previous,
            start=at,
            end=at + timedelta(minutes=20),
        )

    await handled(api, await publish(api, moved(later, elsewhere, start + timedelta(minutes=60))))
    shown = (await api.http.get(f"/v1/appointments/{made['id']}", headers=me)).json()
    assert (shown["slot_id"], shown["version"]) == (first, 1)
    await handled(api, await publish(api, moved(later, first, start + timedelta(minutes=60))))
    shown = (await api.http.get(f"/v1/appointments/{made['id']}", headers=me)).json()
    assert (shown["slot_id"], shown["version"], shown["status"]) == (later, 2, "booked")
    assert await audit_actions(api, made["id"]) == ["book", "confirmed_in_vas", "moved_in_vas"]


def _retried() -> float:
    """Messages booking's consumers have put back to wait so far (all retry tiers)."""
    return sum(s.value for m in RETRIED.collect() for s in m.samples if s.name.endswith("_total"))


async def _retried_more_than(before: float) -> bool:
    return _retried() > before


async def test_a_phone_booking_on_a_time_our_booked_appointment_holds_waits_for_its_cancellation(api: Api) -> None:
    """The clinic cancelled our booked appointment in VAS and gave the time to a caller; the
    booking reaches booking first. Ours is not rejected; the caller's booking waits (retried)
    until the cancellation is handled, and then both show right."""
    start = in_hours(24 * 6)
    (slot,) = await api.new_slots(1, start=start)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    vas_id = await confirmed_in_vas(api, me, made["id"])
    retried_before = _retried()
    caller = personnummer()
    phone = await publish(
        api,
        VasAppointmentBooked(
            vas_appointment_id=f"vas-{uuid.uuid4().hex[:10]}",
            slot_id=slot,
            clinic_hsa_id=HOME_CLINIC,
            time_type_code=NURSE,
            start=start,
            end=start + timedelta(minutes=20),
            subject=caller,
            channel=Channel.PHONE,
        ),
    )
    await wait_for(lambda: _retried_more_than(retried_before), timeout=10, interval=0.02)
    assert (await api.http.get(f"/v1/appointments/{made['id']}", headers=me)).json()["status"] == "booked"
    await publish(api, VasAppointmentCancelled(vas_appointment_id=vas_id, slot_id=slot, reference=made["id"]))
    await appointment_in(api, me, made["id"], "cancelled")
    await handled(api, phone)
    _, caller_headers = await api.resident(caller)
    (callers,) = (await api.http.get("/v1/appointments", headers=caller_headers)).json()["items"]
    assert (callers["status"], callers["slot_id"]) == ("booked", slot)


async def _reschedule(api: Api, me: dict[str, str], appointment_id: str, slot: str) -> dict[str, Any]:
    moved = await api.http.post(
        f"/v1/appointments/{appointment_id}/reschedule",
        json={"slot_id": slot, "confirmed_conditions": NURSE_CONDITIONS},
        headers=me,
    )
    assert moved.status_code == 200, moved.text
    return dict(moved.json())


async def test_a_refused_move_goes_back_where_vas_kept_it_even_if_the_replica_gave_that_time_away(api: Api) -> None:
    s1, s2 = await api.new_slots(2, start=in_hours(24 * 9))
    _, me = await api.resident()
    _, other = await api.resident()
    made = await booked(api, me, s1)
    vas_id = await confirmed_in_vas(api, me, made["id"])
    await _reschedule(api, me, made["id"], s2)  # v2, pending; s1 is free in the replica
    theirs = await booked(api, other, s1)  # ... and someone books it, while VAS still has ours there
    refusal = AppointmentRejected(
        appointment_id=uuid.UUID(made["id"]),
        version=2,
        code="REQUESTED_TIME_IS_ALREADY_RESERVED",
        kept_known=True,
        kept_slot_id=s1,
        kept_vas_appointment_id=vas_id,
    )
    await handled(api, await publish(api, refusal))
    mine = await appointment_in(api, me, made["id"], "booked")
    assert (mine["slot_id"], mine["rejection_code"]) == (s1, "REQUESTED_TIME_IS_ALREADY_RESERVED")
    lost = await appointment_in(api, other, theirs["id"], "rejected")
    assert lost["rejection_code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"
    assert await slot_status(api, s1) == "busy" and await slot_status(api, s2) == "busy"


async def test_two_moves_refused_go_back_to_the_time_vas_kept_not_the_one_in_between(api: Api) -> None:
    s1, s2, s3 = await api.new_slots(3, start=in_hours(24 * 10))
    _, me = await api.resident()
    made = await booked(api, me, s1)
    vas_id = await confirmed_in_vas(api, me, made["id"])
    await _reschedule(api, me, made["id"], s2)  # v2
    await _reschedule(api, me, made["id"], s3)  # v3, before VAS answered v2
    refusal = AppointmentRejected(
        appointment_id=uuid.UUID(made["id"]), version=3, code="REQUESTED_TIME_IS_ALREADY_RESERVED",
        kept_known=True, kept_slot_id=s1, kept_vas_appointment_id=vas_id,
    )  # fmt: skip
    await handled(api, await publish(api, refusal))
    mine = await appointment_in(api, me, made["id"], "booked")
    assert mine["slot_id"] == s1
    assert (await slot_status(api, s1), await slot_status(api, s2)) == ("busy", "free")


async def test_while_a_move_waits_for_vas_the_old_time_is_still_the_residents(api: Api) -> None:
    """VAS may refuse the move and keep the appointment where it was: until it answers, the
    resident cannot book something else at the old time."""
    start = in_hours(24 * 11)
    s1, s2 = await api.new_slots(2, start=start)
    (elsewhere,) = await api.new_slots(1, start=start, clinic=OTHER_CLINIC)
    _, me = await api.resident()
    made = await booked(api, me, s1)
    vas_id = await confirmed_in_vas(api, me, made["id"])
    await _reschedule(api, me, made["id"], s2)  # v2, pending
    problem(await post_booking(api, me, elsewhere), 409, "USER_IS_ALREADY_OCCUPIED")
    await publish(api, AppointmentConfirmed(appointment_id=uuid.UUID(made["id"]), version=2, vas_appointment_id=vas_id))
    await appointment_in(api, me, made["id"], "booked")
    assert (await post_booking(api, me, elsewhere)).status_code == 201  # moved for good: the old time is free
