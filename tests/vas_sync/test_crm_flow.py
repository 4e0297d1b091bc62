"""VAS sync on crm:scheduling against a producer whose answers the contract's schemas refuse:
nothing is taken for a success and nothing disappears — the change is retried through the
delay tiers, then parked with the validation error for operations to see."""

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI, Response
from lxml import etree

from services.vas_sync.settings import VasSyncSettings
from shared.crm_scheduling import soap
from shared.crm_scheduling.messages import Timeslot
from shared.crm_scheduling.slot_ids import slot_id
from shared.messaging.publisher import Publisher
from tests.support.broker import get_all, queue_counts
from tests.support.people import personnummer
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_sync.events import publish, requested
from tests.support.vas_sync.harness import Observer, running_sync
from tests.support.waiting import wait_for

CLINIC = "SE2321000115-O10001"
# Schema-invalid for every operation: a MakeBookingResponse whose resultCode the contract lacks.
MALFORMED = soap.answer(
    etree.fromstring(
        b'<r:MakeBookingResponse xmlns:r="urn:riv:crm:scheduling:MakeBookingResponder:1">'
        b"<r:resultCode>MAYBE</r:resultCode></r:MakeBookingResponse>"
    )
)


def _malformed_producer() -> FastAPI:
    app = FastAPI()

    @app.post("/{operation}")
    async def respond(operation: str) -> Response:
        return Response(MALFORMED, media_type=soap.CONTENT_TYPE)

    return app


async def test_a_malformed_answer_is_retried_then_parked_with_the_validation_error(
    settings: VasSyncSettings, observer: Observer, publisher: Publisher
) -> None:
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    slot = slot_id(
        Timeslot(CLINIC, start=start, end=start + timedelta(minutes=20), performer="p-1", time_type_id="nurse-visit")
    )
    appointment = uuid.uuid4()
    with serve_in_thread(_malformed_producer(), free_port()) as producer:
        crm = settings.model_copy(
            update={
                "vas_protocol": "crm-scheduling",
                "vas_crm_endpoint": f"{producer}/{{operation}}",
                "vas_crm_units": [],
                # The path through the tiers to the parking queue, quickly.
                "retry_delays_s": (1, 1, 1),
            }
        )
        parking = f"{settings.namespace}.vas_sync.appointments.parking"
        async with running_sync(crm) as (_, ops):
            await publish(publisher, requested(appointment, slot, CLINIC, personnummer(), start=start))

            async def parked() -> bool:
                return (await queue_counts(settings.amqp_url, parking))[0] == 1

            await wait_for(parked, timeout=60, interval=0.2)
            # A producer that answers, if wrongly, is no outage: the circuit stays closed and
            # other bookings keep going.
            status = (await ops.get("/ops/status")).json()
            assert status["circuit"]["state"] == "closed", status["circuit"]
    [message] = await get_all(settings.amqp_url, parking)
    headers = message.headers or {}
    assert headers["x-parked-reason"] == "attempts_exhausted"
    assert int(str(headers["x-attempt"])) >= 2  # went round the retry tiers first
    assert "schemas" in str(headers["x-last-error"]) or "not a" in str(headers["x-last-error"])
    assert observer.of("appointment.confirmed") == [] and observer.of("appointment.rejected") == []
