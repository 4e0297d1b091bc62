"""Times on the DST change days (last Sunday of March and of October) list and book at the
right local times, and the 24-hour rules count real hours across the change."""

import uuid
from datetime import UTC, datetime

import pytest

from services.booking.domain.errors import BookingCode, BookingError
from services.booking.domain.rules import FlowRule, check_change_deadline
from shared.contracts.schedule import SlotPublished
from tests.support.booking import Api

CLINIC = "SE2321000115-O10003"


def _slot(start_utc: str, end_utc: str) -> SlotPublished:
    return SlotPublished(
        slot_id=f"dst-{uuid.uuid4().hex[:10]}",
        clinic_hsa_id=CLINIC,
        time_type_code="nurse-visit",
        start=datetime.fromisoformat(start_utc),
        end=datetime.fromisoformat(end_utc),
    )


async def test_spring_forward_and_fall_back_days(api: Api) -> None:
    # 2027-03-28: 02:00 local does not exist (01:59 +01:00 -> 03:00 +02:00).
    before_spring = _slot("2027-03-28T00:30:00+00:00", "2027-03-28T00:50:00+00:00")
    after_spring = _slot("2027-03-28T01:30:00+00:00", "2027-03-28T01:50:00+00:00")
    # 2027-10-31: 02:30 local happens twice (+02:00, then +01:00).
    first_half_past_two = _slot("2027-10-31T00:30:00+00:00", "2027-10-31T00:50:00+00:00")
    second_half_past_two = _slot("2027-10-31T01:30:00+00:00", "2027-10-31T01:50:00+00:00")
    await api.publish_slots(before_spring, after_spring, first_half_past_two, second_half_past_two)

    # The portal asks for the local day without an offset: read as Stockholm time.
    spring = (
        await api.http.get(
            "/v1/slots",
            params={
                "clinic": CLINIC,
                "time_type": "nurse-visit",
                "from": "2027-03-28T00:00:00",
                "to": "2027-03-29T00:00:00",
            },
        )
    ).json()
    starts = {s["id"]: s["start"] for s in spring["items"]}
    assert starts[before_spring.slot_id] == "2027-03-28T01:30:00+01:00"
    assert starts[after_spring.slot_id] == "2027-03-28T03:30:00+02:00"

    autumn = (
        await api.http.get(
            "/v1/slots",
            params={
                "clinic": CLINIC,
                "time_type": "nurse-visit",
                "from": "2027-10-31T00:00:00",
                "to": "2027-11-01T00:00:00",
            },
        )
    ).json()
    starts = {s["id"]: s["start"] for s in autumn["items"]}
    assert starts[first_half_past_two.slot_id] == "2027-10-31T02:30:00+02:00"
    assert starts[second_half_past_two.slot_id] == "2027-10-31T02:30:00+01:00"
    assert [s["id"] for s in autumn["items"] if s["id"] in starts].index(first_half_past_two.slot_id) < [
        s["id"] for s in autumn["items"]
    ].index(second_half_past_two.slot_id)

    _, me = await api.resident()
    for slot, local_start in (
        (after_spring, "2027-03-28T03:30:00+02:00"),
        (second_half_past_two, "2027-10-31T02:30:00+01:00"),
    ):
        booked = await api.http.post(
            "/v1/appointments",
            headers={**me, "Idempotency-Key": str(uuid.uuid4())},
            json={"slot_id": slot.slot_id, "confirmed_conditions": ["no-fever-24h", "not-urgent"]},
        )
        assert booked.status_code == 201, booked.text
        assert booked.json()["start"] == local_start
        assert booked.json()["end"] == local_start.replace(":30:00", ":50:00")


@pytest.mark.parametrize(
    ("start", "now", "too_late"),
    [
        # Spring: 03:30 +02:00 Sunday is 23 real hours after 03:30 +01:00 Saturday.
        ("2027-03-28T03:30:00+02:00", "2027-03-27T03:30:00+01:00", True),
        ("2027-03-28T03:30:00+02:00", "2027-03-27T02:30:00+01:00", False),
        # Autumn: 02:30 +01:00 Sunday is 25 real hours after 02:30 +02:00 Saturday.
        ("2027-10-31T02:30:00+01:00", "2027-10-30T02:30:00+02:00", False),
        ("2027-10-31T02:30:00+01:00", "2027-10-30T03:31:00+02:00", True),
    ],
)
def test_24_hour_cancel_rule_counts_real_hours_across_dst(start: str, now: str, too_late: bool) -> None:
    rule = FlowRule(deadline_hours=24)

    def check() -> None:
        check_change_deadline(
            start=datetime.fromisoformat(start).astimezone(UTC),
            now=datetime.fromisoformat(now).astimezone(UTC),
            rule=rule,
            late_code=BookingCode.TOO_LATE_TO_CANCEL_APPOINTMENT,
        )

    if too_late:
        with pytest.raises(BookingError, match="TOO_LATE_TO_CANCEL_APPOINTMENT"):
            check()
    else:
        check()
