"""The notifications service's use case for appointment events, against an in-memory replica and
schedule and a fixed clock: what gets planned, whatever order the events come in. The same flow
over the real broker and database: tests/notifications/."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.notifications.domain.planner import Planner
from services.notifications.domain.policy import ReminderPolicy
from services.notifications.domain.timing import QuietHours
from services.notifications.usecases.appointments import Event, apply_event
from shared.contracts.appointments import (
    AppointmentCancelled,
    AppointmentConfirmed,
    AppointmentRejected,
    AppointmentRequested,
    AppointmentRescheduled,
)
from shared.contracts.common import Actor, Channel
from tests.support.fakes.notifications import FakeClock, FakeReplicas, FakeSchedule

SESSION: Any = None  # the fakes need no transaction
NOW = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)  # a Monday, midday in Stockholm
START = NOW + timedelta(days=7)
ID = uuid.UUID(int=7)
PNR = "199001012389"
PLANNER = Planner(
    policy=ReminderPolicy.parse({"default": [{"channel": "sms", "hours_before": 48}]}),
    quiet=QuietHours.parse("21:00", "08:00", "Europe/Stockholm"),
    latest_before=timedelta(hours=2),
)
DETAILS: dict[str, Any] = {
    "appointment_id": ID,
    "slot_id": "slot-1",
    "clinic_hsa_id": "SE2321000115-O10001",
    "clinic_name": "Vårdcentralen Centrum",
    "time_type_code": "nurse-visit",
    "start": START,
    "end": START + timedelta(minutes=20),
    "subject": PNR,
    "actor": Actor.CITIZEN,
    "channel": Channel.WEB,
}


class Notifications:
    def __init__(self) -> None:
        self.replicas, self.schedule, self.clock = FakeReplicas(), FakeSchedule(), FakeClock(NOW)

    async def __call__(self, *events: Event) -> None:
        for event in events:
            await apply_event(
                SESSION, event, planner=PLANNER, clock=self.clock, replicas=self.replicas, schedule=self.schedule
            )

    def kinds(self) -> list[tuple[str, str]]:
        return sorted((p.kind, p.channel) for p in self.schedule.pending())


@pytest.fixture
def notifications() -> Notifications:
    return Notifications()


def requested(version: int = 1) -> AppointmentRequested:
    return AppointmentRequested(version=version, **DETAILS)


def confirmed(version: int = 1) -> AppointmentConfirmed:
    return AppointmentConfirmed(appointment_id=ID, version=version, vas_appointment_id="vas-1")


async def test_a_confirmed_booking_gets_a_confirmation_and_its_reminder(notifications: Notifications) -> None:
    await notifications(requested(), confirmed())
    assert notifications.kinds() == [("confirmation", "email"), ("confirmation", "sms"), ("reminder", "sms")]
    (reminder,) = notifications.schedule.pending("reminder")
    assert reminder.due_at == START - timedelta(hours=48) and "personnummer" not in reminder.params


async def test_the_confirmation_may_come_before_the_details(notifications: Notifications) -> None:
    await notifications(confirmed(), requested())
    assert ("confirmation", "sms") in notifications.kinds() and ("reminder", "sms") in notifications.kinds()


async def test_an_event_twice_plans_nothing_twice(notifications: Notifications) -> None:
    await notifications(requested(), confirmed(), requested(), confirmed())
    assert len(notifications.schedule.messages) == 3


async def test_a_pending_booking_gets_nothing_yet(notifications: Notifications) -> None:
    await notifications(requested())
    assert notifications.kinds() == []


async def test_a_refused_booking_is_told_and_gets_no_reminder(notifications: Notifications) -> None:
    await notifications(
        requested(), AppointmentRejected(appointment_id=ID, version=1, code="REQUESTED_TIME_IS_ALREADY_RESERVED")
    )
    assert [k for k, _ in notifications.kinds()] == ["rejected", "rejected"]


async def test_a_cancellation_drops_the_reminder_and_says_so(notifications: Notifications) -> None:
    await notifications(requested(), confirmed())
    cancelled = {k: v for k, v in DETAILS.items() if k not in ("clinic_name", "end")}
    await notifications(AppointmentCancelled(version=2, **cancelled))
    assert notifications.schedule.pending("reminder") == []
    assert ("cancelled", "sms") in notifications.kinds()


async def test_a_moved_booking_is_reminded_of_its_new_time(notifications: Notifications) -> None:
    await notifications(requested(), confirmed())
    later = START + timedelta(days=3)
    moved = {**DETAILS, "start": later, "end": later + timedelta(minutes=20)}
    await notifications(AppointmentRescheduled(version=2, old_slot_id="slot-1", **moved), confirmed(2))
    (reminder,) = notifications.schedule.pending("reminder")
    assert reminder.due_at == later - timedelta(hours=48)
    assert ("rescheduled", "sms") in notifications.kinds()


async def test_a_visit_too_close_for_its_reminder_gets_the_confirmation_only(notifications: Notifications) -> None:
    soon = NOW + timedelta(hours=5)
    await notifications(AppointmentRequested(version=1, **{**DETAILS, "start": soon, "end": soon}), confirmed())
    assert notifications.kinds() == [("confirmation", "email"), ("confirmation", "sms")]
