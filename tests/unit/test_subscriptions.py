"""Every service's consumers take exactly what shared/contracts/subscriptions.py declares (the table
docs/asyncapi.yaml is generated from), and a handler table that differs is refused at start-up."""

from collections.abc import Callable

import pytest
from fastapi import FastAPI

from services.booking.main import create_app as booking
from services.eligibility.main import create_app as eligibility
from services.notifications.main import create_app as notifications
from services.vas_sync.main import create_app as vas_sync
from shared.contracts.appointments import AppointmentConfirmed, AppointmentRejected
from shared.contracts.subscriptions import SUBSCRIPTIONS
from shared.db import make_engine, make_sessionmaker
from shared.messaging.consumer import HandlerContext
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings

APPS: dict[str, Callable[[], FastAPI]] = {
    "booking": booking,
    "eligibility": eligibility,
    "notifications": notifications,
    "vas_sync": vas_sync,
}


@pytest.mark.parametrize("service", sorted(APPS))
def test_the_service_consumes_what_the_contracts_declare(service: str) -> None:
    messaging: Messaging = APPS[service]().state.messaging
    wired = {(service, c.topology.consumer): set(c.topology.routing_keys) for c in messaging.consumers}
    declared = {key: {kind.message_type for kind in kinds} for key, kinds in SUBSCRIPTIONS.items() if key[0] == service}
    assert wired == declared


async def _nothing(ctx: HandlerContext) -> None:
    return None


def test_a_consumer_that_differs_from_the_declaration_is_refused() -> None:
    engine = make_engine("postgresql+asyncpg://postgres@127.0.0.1/unused")
    messaging = Messaging(
        settings=ServiceSettings(),
        service="booking",
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        owners={},
        subscriptions=SUBSCRIPTIONS,
    )
    with pytest.raises(ValueError, match=r"subscriptions\.py"):
        messaging.consumer("vas-results", {AppointmentConfirmed: _nothing})
    with pytest.raises(ValueError, match=r"declares \[\]"):
        messaging.consumer("made-up", {AppointmentRejected: _nothing})
    assert messaging.consumer("vas-results", {AppointmentConfirmed: _nothing, AppointmentRejected: _nothing})
