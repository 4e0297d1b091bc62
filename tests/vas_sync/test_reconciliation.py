"""Reconciliation finds drift between what VAS sync applied and what VAS holds, and repairs it."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from services.vas_sync.settings import VasSyncSettings
from shared.db import make_engine
from shared.messaging.publisher import Publisher
from tests.support.people import personnummer
from tests.support.vas_sync.events import cancelled, publish, requested
from tests.support.vas_sync.harness import Observer, Sim, running_sync
from tests.support.waiting import wait_for


async def _behind_vas_back(simulator_db: str, statement: str, **params: str) -> None:
    """Change VAS's database directly — drift no change feed reports (a lost change)."""
    engine = make_engine(simulator_db)
    async with engine.begin() as conn:
        await conn.execute(sa.text(statement), params)
    await engine.dispose()


async def test_reconciliation_repairs_drift_and_reports_what_it_fixed(
    settings: VasSyncSettings, sim: Sim, observer: Observer, publisher: Publisher, simulator_db: str
) -> None:
    day = datetime.now(UTC).replace(hour=11, minute=0, second=0, microsecond=0) + timedelta(days=6)
    [kept, lost] = await sim.new_slots(2, start=day)
    still_booked, vanished = uuid.uuid4(), uuid.uuid4()
    pnr = personnummer()
    async with running_sync(settings) as (_, ops):
        await publish(
            publisher,
            requested(still_booked, kept, sim.clinic, pnr, start=day),
            requested(vanished, lost, sim.clinic, pnr, start=day + timedelta(minutes=30)),
        )

        async def confirmed() -> bool:
            return len(observer.of("appointment.confirmed")) == 2

        await wait_for(confirmed, timeout=20)
        await publish(publisher, cancelled(still_booked, kept, sim.clinic, pnr, version=2, start=day))

        async def cancelled_in_vas() -> bool:
            return await sim.booked(str(still_booked)) == []

        await wait_for(cancelled_in_vas, timeout=20)
        # Drift 1: VAS "un-cancels" our cancelled booking. Drift 2: VAS loses a cancellation's feed entry.
        await _behind_vas_back(
            simulator_db, "UPDATE appointments SET status = 'booked' WHERE reference = :ref", ref=str(still_booked)
        )
        await _behind_vas_back(
            simulator_db,
            "UPDATE appointments SET status = 'cancelled', cancelled_by = 'clinic' WHERE reference = :ref",
            ref=str(vanished),
        )
        local_day = day.astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
        report = (await ops.post("/ops/reconcile", json={"clinic": sim.clinic, "day": local_day})).json()
        again = (await ops.post("/ops/reconcile", json={"clinic": sim.clinic, "day": local_day})).json()
        listed = (await ops.get("/ops/reconciliations")).json()["items"]

        async def told_booking() -> bool:
            cancellations = observer.of("schedule.appointment.cancelled")
            return any(e["reference"] == str(vanished) for e in cancellations)

        await wait_for(told_booking, timeout=20)
    fixed = {(f["kind"], f["reference"]) for f in report["fixed"]}
    assert fixed == {("booked_in_vas_after_cancel", str(still_booked)), ("cancelled_in_vas", str(vanished))}
    assert report["error"] is None and report["checked"] >= 4
    assert again["fixed"] == []  # repaired for good
    assert [r["id"] for r in listed[:2]] == [again["id"], report["id"]]
    assert await sim.booked(str(still_booked)) == []
    [told] = [e for e in observer.of("schedule.appointment.cancelled") if e["reference"] == str(vanished)]
    assert told["actor"] == "clinic"
    assert pnr not in str(report)  # reports name appointments, never people
