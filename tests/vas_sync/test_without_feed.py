"""Life without a change feed (crm:scheduling): what a feed would have told booking, polling and
the resident's schedule tell it instead."""

import uuid
from datetime import datetime, time, timedelta

import pytest

from shared.crm_scheduling.messages import SWEDEN
from shared.crm_scheduling.slot_ids import same_time_prefix
from tests.support.booking.helpers import HOME_CLINIC, post_booking
from tests.support.idp import staff_headers
from tests.support.vas_sync.harness import running_sync
from tests.support.vas_sync.system import System
from tests.support.waiting import wait_for

pytestmark = pytest.mark.parametrize("protocol", ["crm-scheduling"])


async def test_a_time_taken_in_vas_while_still_listed_is_refused_with_the_contract_code_and_leaves_the_list(
    system_without_sync: System,
) -> None:
    system = system_without_sync
    [slot] = await system.sim.new_slots(1, clinic=HOME_CLINIC)
    # Polled once at start, then not for an hour: the replica goes stale on purpose.
    stale = system.sync_settings.model_copy(update={"poll_near_interval_s": 3600.0, "poll_far_interval_s": 3600.0})
    async with running_sync(stale):
        await system.replica_has([slot], status="free")
        winner_pnr, winner = await system.api.resident()
        phone = await system.sim.http.post(
            "/api/appointments",
            json={"timeslot_id": system.sim.vas_id(slot), "subject": winner_pnr.replace("-", ""), "channel": "phone"},
        )
        assert phone.status_code == 201
        _, resident = await system.api.resident()
        web = await post_booking(system.api, resident, slot)
        assert web.status_code == 201, web.text  # the replica still offered it
        await system.becomes(resident, web.json()["id"], "rejected")
        answer = (await system.api.http.get(f"/v1/appointments/{web.json()['id']}", headers=resident)).json()
        assert answer["rejection_code"] == "REQUESTED_TIME_IS_ALREADY_RESERVED"
        await system.replica_has([slot], status="busy")  # no longer offered

        # The winner's phone booking is theirs, not a web booking of ours in flight on that time:
        # it shows in their list once they open it (the refused attempt is settled, and was
        # another resident's anyway).
        async def winners() -> list[dict[str, object]]:
            page = (await system.api.http.get("/v1/appointments", headers=winner)).json()
            return [a for a in page["items"] if str(a["slot_id"]).startswith(same_time_prefix(slot))]

        [found] = await wait_for(winners, timeout=20, interval=0.2)
        assert found["status"] == "booked"


async def test_a_booking_made_by_phone_shows_in_the_residents_list_once_they_open_it(
    system_without_sync: System,
) -> None:
    system = system_without_sync
    async with running_sync(system.sync_settings):
        [slot] = await system.vas_slots()
        pnr, resident = await system.api.resident()
        phone = await system.sim.http.post(
            "/api/appointments",
            json={"timeslot_id": system.sim.vas_id(slot), "subject": pnr.replace("-", ""), "channel": "phone"},
        )
        assert phone.status_code == 201

        async def listed() -> list[dict[str, object]]:
            page = (await system.api.http.get("/v1/appointments", headers=resident)).json()
            # Found by its time: the contract's schedule may leave the performer out of the id.
            time = same_time_prefix(slot)
            return [a for a in page["items"] if str(a["slot_id"]).startswith(time) and a["status"] == "booked"]

        # The first opening asks VAS sync to look (then at most once per resident and interval);
        # the bookings it finds arrive in the list a moment later.
        [found] = await wait_for(listed, timeout=20, interval=0.2)
        assert found["clinic"] == HOME_CLINIC
        for _ in range(3):  # opened again: nothing doubled
            await system.api.http.get("/v1/appointments", headers=resident)
        assert len(await listed()) == 1


async def test_reconciliation_finds_the_days_residents_bookings_made_elsewhere_and_not_our_own(
    system_without_sync: System,
) -> None:
    system = system_without_sync
    async with running_sync(system.sync_settings) as (_, ops):
        ten = datetime.combine(datetime.now(SWEDEN).date() + timedelta(days=3), time(10), SWEDEN)
        [ours, theirs] = await system.vas_slots(2, start=ten)  # the same day
        pnr, resident = await system.api.resident()
        made = await system.book(resident, ours)
        await system.becomes(resident, made["id"], "booked")
        # The clinic books the same resident by phone in VAS; nobody tells booking (no feed).
        phone = await system.sim.http.post(
            "/api/appointments",
            json={"timeslot_id": system.sim.vas_id(theirs), "subject": pnr.replace("-", ""), "channel": "phone"},
        )
        assert phone.status_code == 201
        day = made["start"][:10]
        report = (await ops.post("/ops/reconcile", json={"clinic": HOME_CLINIC, "day": day})).json()
        assert [f["kind"] for f in report["fixed"]] == ["found_elsewhere"], report
        assert report["fixed"][0]["action"] == "1 published"  # the phone booking, not our own

        async def both_listed() -> bool:
            page = (await system.api.http.get("/v1/appointments", headers=resident)).json()
            return len([a for a in page["items"] if a["status"] == "booked"]) == 2

        await wait_for(both_listed, timeout=20, interval=0.2)


async def test_a_phone_booking_by_staff_reaches_vas_with_the_names_staff_give_and_without_them_is_rejected(
    system_without_sync: System,
) -> None:
    """MakeBooking requires the resident's names: staff give them (from the register) when they book
    by phone; a booking without them is rejected with the reason, never sent."""
    system = system_without_sync
    async with running_sync(system.sync_settings):
        [named, nameless] = await system.vas_slots(2)
        pnr, resident = await system.api.resident()
        staff = staff_headers("booking_staff", clinics=(HOME_CLINIC,))
        made = []
        for slot, names in ((named, {"given_name": "Tolvan", "family_name": "Tolvansson"}), (nameless, {})):
            answer = await system.api.http.post(
                "/v1/staff/appointments",
                headers={**staff, "Idempotency-Key": str(uuid.uuid4())},
                json={"personnummer": pnr, "slot_id": slot, "control_questions_answered": True, **names},
            )
            assert answer.status_code == 201, answer.text
            made.append(answer.json()["id"])
        await system.becomes(resident, made[0], "booked")
        await system.becomes(resident, made[1], "rejected")
        refused = (await system.api.http.get(f"/v1/appointments/{made[1]}", headers=resident)).json()
        assert refused["rejection_code"] == "SUBJECT_NAME_MISSING"
