"""A property-based model (Hypothesis stateful) of what the broker and the process may do to
appointment events — publish, publish again under a new message id, deliver in any order,
deliver again, crash after VAS answered but before the commit, lose VAS's answer after it
applied the call — checked against the real VAS
simulator and VAS sync's real database: never two booked VAS appointments for one booking, and
once every message got through, VAS holds exactly what the newest event of each booking wants
(one appointment on the wanted time, or none).

Each step runs VAS sync's handler the way its consumer does: in one transaction with the inbox
row (a message handled before is a duplicate and does nothing), committed only if the handler
returned; a crash rolls back and the broker delivers the message again, marked redelivered.
"""

import asyncio
import os
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy.ext.asyncio import AsyncEngine

from services.vas_sync.adapters.sync_rows import DriverSyncRows
from services.vas_sync.adapters.vas_crm import CrmVas
from services.vas_sync.adapters.vas_crm_port import CrmSchedule
from services.vas_sync.adapters.vas_http import HttpVas
from services.vas_sync.domain.vas_port import OurBooking, VasAppointment, VasOutcomeUnknown, VasSchedule
from services.vas_sync.domain.wanted import Wanted
from services.vas_sync.handlers.appointments import appointment_handlers
from shared.db import make_engine
from shared.messaging.consumer import HandlerContext
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.inbox import first_delivery
from shared.migrations import upgrade
from tests.support.infra import Infra
from tests.support.people import personnummer
from tests.support.vas_sync.events import cancelled, requested, rescheduled
from tests.support.vas_sync.harness import Sim

T = TypeVar("T")
CONSUMER = "vas_sync.appointments"
STEPS = 14
SLOTS_PER_EXAMPLE = STEPS + 2


class Crash(Exception):
    """The process died here: nothing of the transaction is committed."""


class Faulty:
    """The real VAS adapter, with one fault armed for the next call that changes VAS: the call
    is made (VAS applies it), then the process crashes or the answer is lost."""

    def __init__(self, vas: VasSchedule) -> None:
        self.vas = vas
        self.keeps_reference = vas.keeps_reference
        self.armed: str | None = None

    def _after(self) -> None:
        fault, self.armed = self.armed, None
        if fault == "crash":
            raise Crash()
        if fault == "lost":
            raise VasOutcomeUnknown("timed out after sending")

    async def make(self, wanted: Wanted) -> VasAppointment:
        made = await self.vas.make(wanted)
        self._after()
        return made

    async def move(self, appointment_id: str, wanted: Wanted) -> VasAppointment:
        moved = await self.vas.move(appointment_id, wanted)
        self._after()
        return moved

    async def cancel(
        self, clinic_hsa_id: str, appointment_id: str, *, reason: str | None, by: str, subject: str | None = None
    ) -> None:
        await self.vas.cancel(clinic_hsa_id, appointment_id, reason=reason, by=by, subject=subject)
        self._after()

    async def find(self, ours: OurBooking) -> list[VasAppointment]:
        return await self.vas.find(ours)

    async def schedule_of(self, clinic_hsa_id: str, subject: str) -> list[VasAppointment] | None:
        return await self.vas.schedule_of(clinic_hsa_id, subject)

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment] | None:
        return await self.vas.in_clinic(clinic_hsa_id, start=start, end=end)

    async def close(self) -> None:
        await self.vas.close()


@dataclass
class Booking:
    id: uuid.UUID
    subject: str
    slot: str
    version: int = 1
    booked: bool = True  # what the newest event wants


@dataclass
class InFlight:
    envelope: Envelope
    redelivered: bool = False


@dataclass
class World:
    """What lives across the examples: one event loop, the simulator, one database."""

    loop: asyncio.AbstractEventLoop
    sim: Sim
    engine: AsyncEngine
    vas: Faulty
    day: int = 0

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)


class Delivery(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        self.bookings: list[Booking] = []
        self.bag: list[InFlight] = []
        self.published: list[Contract] = []
        self.handlers = appointment_handlers(self.world.vas, attempts=3, rows=DriverSyncRows(self.world.engine))
        # Fresh times for each example (more than its steps can use): no state shared between examples.
        self.world.day += 1
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5 + self.world.day)
        self.slots = self.world.run(self.world.sim.new_slots(SLOTS_PER_EXAMPLE, start=start))

    # --- what the booking service publishes ----------------------------------------------

    @rule()
    def book(self) -> None:
        booking = Booking(uuid.uuid4(), personnummer(), self.slots.pop())
        self.bookings.append(booking)
        self._publish(requested(booking.id, booking.slot, self.world.sim.clinic, booking.subject))

    @precondition(lambda self: any(b.booked for b in self.bookings))
    @rule(pick=st.integers(min_value=0))
    def cancel(self, pick: int) -> None:
        booking = self._pick([b for b in self.bookings if b.booked], pick)
        booking.version += 1
        booking.booked = False
        self._publish(cancelled(booking.id, booking.slot, self.world.sim.clinic, booking.subject, booking.version))

    @precondition(lambda self: any(b.booked for b in self.bookings))
    @rule(pick=st.integers(min_value=0))
    def move(self, pick: int) -> None:
        booking = self._pick([b for b in self.bookings if b.booked], pick)
        old, booking.slot = booking.slot, self.slots.pop()
        booking.version += 1
        self._publish(
            rescheduled(booking.id, old, booking.slot, self.world.sim.clinic, booking.subject, booking.version)
        )

    @precondition(lambda self: bool(self.published))
    @rule(pick=st.integers(min_value=0))
    def publish_again_as_new(self, pick: int) -> None:
        """The same event under a new message id (the inbox cannot know it): only the business
        key — appointment and version — tells it is the same."""
        self.bag.append(InFlight(Envelope.wrap(self._pick(self.published, pick))))

    # --- what the broker and the process do with it ---------------------------------------

    @precondition(lambda self: bool(self.bag))
    @rule(pick=st.integers(min_value=0), again=st.booleans())
    def deliver(self, pick: int, again: bool) -> None:
        """Deliver one message, in any order; `again`: it stays to be delivered once more (a
        redelivery after a lost ack, or the outbox relay publishing it twice)."""
        message = self._pick(self.bag, pick)
        self.world.run(self._handle(message))
        if not again:
            self.bag.remove(message)

    @precondition(lambda self: bool(self.bag))
    @rule(pick=st.integers(min_value=0), fault=st.sampled_from(["crash", "lost"]))
    def deliver_with_fault(self, pick: int, fault: str) -> None:
        """VAS applies the next change, then the process crashes before its commit (the message
        comes back, redelivered), or VAS's answer is lost (VAS sync looks it up and goes on)."""
        message = self._pick(self.bag, pick)
        self.world.vas.armed = fault
        try:
            self.world.run(self._handle(message))
        except Crash:
            message.redelivered = True
        else:
            self.bag.remove(message)
        finally:
            self.world.vas.armed = None

    # --- what must always hold -------------------------------------------------------------

    @invariant()
    def never_two_booked(self) -> None:
        for booking in self.bookings:
            booked = self.world.run(self.world.sim.booked_for(booking.subject))
            assert len(booked) <= 1, f"{booking.id}: {len(booked)} booked VAS appointments"

    def teardown(self) -> None:
        # Every message gets through in the end: then VAS holds what the newest event wants.
        while self.bag:
            message = self.bag.pop(0)
            self.world.run(self._handle(message))
        for booking in self.bookings:
            booked = self.world.run(self.world.sim.booked_for(booking.subject))
            if booking.booked:
                wanted = [self.world.sim.vas_id(booking.slot)]
                assert [a["timeslot_id"] for a in booked] == wanted, f"{booking}: {booked}"
            else:
                assert booked == [], f"{booking}: {booked}"

    # --- helpers ----------------------------------------------------------------------------

    def _publish(self, event: Contract) -> None:
        self.published.append(event)
        self.bag.append(InFlight(Envelope.wrap(event)))

    @staticmethod
    def _pick(items: list[T], pick: int) -> T:
        return items[pick % len(items)]

    async def _handle(self, message: InFlight) -> None:
        envelope = message.envelope
        contract = next(c for c in self.handlers if c.message_type == envelope.type)
        payload = contract.model_validate(envelope.payload)
        async with self.world.engine.begin() as conn:
            if not await first_delivery(conn, consumer=CONSUMER, message_id=envelope.id, message_type=envelope.type):
                return
            context = HandlerContext(conn, envelope, payload, "model", may_be_repeat=message.redelivered)
            await self.handlers[contract](context)


@pytest.mark.parametrize("protocol", ["simulator-api", "crm-scheduling"])
def test_exactly_one_vas_appointment_per_booking_whatever_the_broker_does(
    infra: Infra, simulator_url: str, protocol: str
) -> None:
    """Over crm:scheduling the producer keeps no reference of ours and books again whatever is
    repeated: only VAS sync's look in the resident's schedule stands between a lost answer and a
    second booking."""
    loop = asyncio.new_event_loop()
    try:

        async def open_world() -> World:
            name = await infra.create_database(f"vas_sync_model_{uuid.uuid4().hex[:8]}")
            url = infra.database_url(name)
            await asyncio.to_thread(upgrade, "vas_sync", url)
            sim = Sim(simulator_url, httpx.AsyncClient(base_url=simulator_url, timeout=30), protocol=protocol)
            await sim.faults()
            vas: VasSchedule = HttpVas(simulator_url, timeout_s=5)
            if protocol == "crm-scheduling":
                client = CrmVas.at(f"{simulator_url}/crm-scheduling", timeout_s=5)
                vas = CrmSchedule(client, actor_hsa_id="SE2321000115-TIDBOKVS", poll_subject="191212121212")
            return World(loop, sim, make_engine(url), Faulty(vas))

        world = loop.run_until_complete(open_world())
        Delivery.world = world
        try:
            run_state_machine_as_test(
                Delivery,
                settings=settings(
                    max_examples=int(os.environ.get("TIDBOK_MODEL_EXAMPLES", "12")),
                    stateful_step_count=STEPS,
                    deadline=None,
                    database=None,
                    suppress_health_check=list(HealthCheck),
                ),
            )
        finally:
            loop.run_until_complete(world.vas.close())
            loop.run_until_complete(world.sim.http.aclose())
            loop.run_until_complete(world.engine.dispose())
    finally:
        loop.close()
