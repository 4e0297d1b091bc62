"""A consumer's handler table built from use cases (shared/messaging/routes.py)."""

import uuid
from typing import Any

import pytest

from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.messaging.consumer import HandlerContext
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.errors import PermanentError
from shared.messaging.routes import calls, handlers

SEEN: list[tuple[Any, Contract]] = []


async def confirmed(session: Any, event: AppointmentConfirmed) -> None:
    SEEN.append((session, event))


def _ctx(message: Contract) -> HandlerContext:
    return HandlerContext(session="tx", envelope=Envelope.wrap(message), message=message, namespace="t")  # type: ignore[arg-type]


async def test_each_type_reaches_its_use_case_in_the_consumers_transaction() -> None:
    table = handlers(calls(AppointmentConfirmed, confirmed))
    event = AppointmentConfirmed(appointment_id=uuid.uuid4(), version=1, vas_appointment_id="v")
    await table[AppointmentConfirmed](_ctx(event))
    assert SEEN[-1] == ("tx", event)


async def test_a_message_of_another_type_is_parked_not_handled() -> None:
    (handler,) = handlers(calls(AppointmentConfirmed, confirmed)).values()
    with pytest.raises(PermanentError):
        await handler(_ctx(AppointmentRejected(appointment_id=uuid.uuid4(), version=1, code="X")))


def test_a_type_routed_twice_is_a_wiring_error() -> None:
    with pytest.raises(ValueError, match="twice"):
        handlers(calls(AppointmentConfirmed, confirmed), calls(AppointmentConfirmed, confirmed))
