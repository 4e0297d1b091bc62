"""Changes made in VAS reach our services once, in order, and the cursor survives a restart."""

import uuid

from services.vas_sync.settings import VasSyncSettings
from shared.messaging.publisher import Publisher
from tests.support.people import personnummer
from tests.support.vas_sync.events import publish, requested
from tests.support.vas_sync.harness import Observer, Sim, running_sync
from tests.support.waiting import wait_for


async def test_vas_changes_are_published_once_and_following_resumes_after_a_restart(
    settings: VasSyncSettings, sim: Sim, observer: Observer
) -> None:
    pnr = personnummer()
    async with running_sync(settings):
        first = await sim.new_slots(3)
        phone = await sim.http.post(
            "/api/appointments", json={"timeslot_id": first[0], "subject": pnr, "channel": "phone"}
        )
        await sim.http.post(f"/api/timeslots/{first[1]}/withdraw")
        await wait_for(lambda: _have(observer, "schedule.slot.withdrawn", 1), timeout=20)
    later = await sim.new_slots(2)  # while VAS sync is stopped
    async with running_sync(settings):
        await wait_for(lambda: _have(observer, "schedule.slot.published", 5), timeout=20)
    published = observer.of("schedule.slot.published")
    assert sorted(e["slot_id"] for e in published) == sorted(first + later)  # each once, none again
    seqs = [e["vas_seq"] for e in published]
    assert seqs == sorted(seqs)
    [booked] = observer.of("schedule.appointment.booked")
    assert booked["vas_appointment_id"] == phone.json()["id"] and booked["channel"] == "phone"
    assert booked["subject"] == pnr and booked["reference"] is None
    [withdrawn] = observer.of("schedule.slot.withdrawn")
    assert withdrawn["slot_id"] == first[1] and withdrawn["vas_seq"] > seqs[2]


async def _have(observer: Observer, message_type: str, n: int) -> bool:
    return len(observer.of(message_type)) >= n


async def test_our_own_bookings_are_not_published_back_but_a_clinic_cancellation_of_one_is(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    [web_slot, phone_slot] = await sim.new_slots(2)
    appointment = uuid.uuid4()
    # The feed is not read while the booking is made and committed (first poll only, at start).
    async with running_sync(settings.model_copy(update={"feed_poll_interval_s": 3600})) as (app, _):
        follower = app.state.vas_sync.replica
        await wait_for(lambda: _polled(follower.last_poll_at), timeout=20)
        await publish(publisher, requested(appointment, web_slot, sim.clinic, personnummer()))
        await wait_for(lambda: _have(observer, "appointment.confirmed", 1), timeout=20)
    [made] = await sim.booked(str(appointment))
    phone = await sim.http.post(
        "/api/appointments",
        json={"timeslot_id": phone_slot, "subject": personnummer(), "channel": "phone", "reference": "KLIN-77"},
    )
    await sim.http.post(f"/api/appointments/{made['id']}/cancel", json={"reason": "Sjuk personal", "by": "clinic"})
    async with running_sync(settings):
        await wait_for(lambda: _have(observer, "schedule.appointment.cancelled", 1), timeout=20)
    booked = observer.of("schedule.appointment.booked")
    assert [(b["vas_appointment_id"], b["reference"]) for b in booked] == [(phone.json()["id"], "KLIN-77")]
    [cancel] = observer.of("schedule.appointment.cancelled")
    assert (cancel["vas_appointment_id"], cancel["reference"], cancel["actor"]) == (
        made["id"],
        str(appointment),
        "clinic",
    )


async def _polled(last_poll_at: float | None) -> bool:
    return last_poll_at is not None
