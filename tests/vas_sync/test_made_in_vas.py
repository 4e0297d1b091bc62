"""A booking the clinic made in VAS itself (by phone) carries no reference of ours. Once booking
has recorded it (`appointment.booked_in_vas`), the resident's move and cancel on the web reach
that VAS appointment — no second appointment is made — and reconciliation leaves it alone."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.vas_sync.settings import VasSyncSettings
from shared.messaging.envelope import Envelope
from shared.messaging.publisher import Publisher
from tests.support.people import personnummer
from tests.support.vas_sync.events import booked_in_vas, cancelled, publish, rescheduled
from tests.support.vas_sync.harness import Observer, Sim, count_rows, running_sync
from tests.support.waiting import wait_for


async def test_a_phone_booking_made_in_vas_is_moved_and_cancelled_there(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher
) -> None:
    day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=7)
    [first, second] = await sim.new_slots(2, start=day)
    pnr = personnummer()
    made = await sim.http.post("/api/appointments", json={"timeslot_id": first, "subject": pnr, "channel": "phone"})
    vas_id = made.json()["id"]
    appointment = uuid.uuid4()  # booking's id for it
    recorded = booked_in_vas(appointment, vas_id, first, sim.clinic, pnr, day)
    async with running_sync(settings) as (_, ops):
        await publisher.publish(Envelope.wrap(recorded))

        async def known() -> bool:
            query = f"SELECT count(*) FROM sync_appointments WHERE appointment_id = '{appointment}' AND version = 1"
            return await count_rows(settings.database_url, query) == 1

        await wait_for(known, timeout=20)
        local_day = day.astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
        report = (await ops.post("/ops/reconcile", json={"clinic": sim.clinic, "day": local_day})).json()
        assert (report["error"], report["fixed"]) == (None, [])

        await publish(publisher, rescheduled(appointment, first, second, sim.clinic, pnr, version=2))

        async def moved() -> list[dict[str, object]]:
            return [e for e in observer.of("appointment.confirmed") if e["appointment_id"] == str(appointment)]

        [confirmation] = await wait_for(moved, timeout=20)
        assert (confirmation["version"], confirmation["vas_appointment_id"]) == (2, vas_id)
        await publish(publisher, cancelled(appointment, second, sim.clinic, pnr, version=3))

        async def cancelled_in_vas() -> bool:
            return bool((await sim.http.get(f"/api/appointments/{vas_id}")).json()["status"] == "cancelled")

        await wait_for(cancelled_in_vas, timeout=20)
    final = (await sim.http.get(f"/api/appointments/{vas_id}")).json()
    assert (final["timeslot_id"], final["status"]) == (second, "cancelled")
    assert await sim.by_reference(str(appointment)) == []  # nothing was made under booking's id
