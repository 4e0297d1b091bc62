"""The broker trusts nobody by name alone (finding 5 of the security review: with one shared broker
login, anyone on the broker could cancel any booking with a forged `eligibility.cancel-appointment`
or `schedule.appointment.cancelled`). Each service logs in as itself; RabbitMQ checks the
`user_id`; booking takes each type only from the service that owns it and parks the rest."""

import time
import uuid
from typing import Any

import aio_pika
import aiormq
import pytest
import sqlalchemy as sa

from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.contracts.schedule import VasAppointmentCancelled
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.identities import SENDER_HEADER, broker_user
from shared.messaging.publisher import build_message
from tests.support.booking import Api
from tests.support.booking.helpers import booked
from tests.support.broker import get_all, queue_counts
from tests.support.infra import Infra
from tests.support.waiting import wait_for


async def _parked(infra: Infra, queue: str, count: int) -> list[aio_pika.abc.AbstractIncomingMessage]:
    async def arrived() -> bool:
        return (await queue_counts(infra.amqp_url, queue))[0] >= count

    await wait_for(arrived, timeout=20, interval=0.1)
    return await get_all(infra.amqp_url, queue)


async def _status(api: Api, headers: dict[str, str], appointment_id: str) -> str:
    return str((await api.http.get(f"/v1/appointments/{appointment_id}", headers=headers)).json()["status"])


async def test_forged_cancellations_change_nothing_and_are_parked_as_untrusted(api: Api, infra: Infra) -> None:
    (slot,) = await api.new_slots(1)
    _, me = await api.resident()
    made = await booked(api, me, slot)
    appointment = uuid.UUID(made["id"])
    namespace = api.env.settings.namespace
    forged: list[tuple[str, Contract, dict[str, Any]]] = [
        # Notifications' login, pretending to be eligibility's follow-up list.
        (
            "notifications",
            CancelAppointmentForEligibility(
                appointment_id=appointment, staff_hsa_id="SE2321000115-E1", staff_clinics=None
            ),
            {},
        ),
        # Notifications' login again, claiming eligibility as a relayed sender and asking to be
        # deferred (the retry path republishes as booking itself: the check must come first).
        (
            "notifications",
            CancelAppointmentForEligibility(
                appointment_id=appointment, staff_hsa_id="SE2321000115-E1", staff_clinics=None
            ),
            {SENDER_HEADER: broker_user("eligibility"), "x-not-before-ms": int((time.time() + 1) * 1000)},
        ),
        # Eligibility's login, pretending to be VAS (a clinic cancellation) and claiming a relayed sender.
        (
            "eligibility",
            VasAppointmentCancelled(vas_appointment_id="vas-x", slot_id=slot, reference=str(appointment)),
            {SENDER_HEADER: broker_user("vas_sync")},
        ),
    ]
    for login, message, headers in forged:
        await api.publisher.as_service(login).publish(Envelope.wrap(message), headers=headers)
    # And one with no user_id at all, from a login that may publish anything (the test's administrator).
    connection = await aio_pika.connect(infra.amqp_url)
    try:
        channel = await connection.channel()
        exchange = await channel.get_exchange(f"{namespace}.events")
        anonymous = Envelope.wrap(
            CancelAppointmentForEligibility(appointment_id=appointment, staff_hsa_id="X", staff_clinics=None)
        )
        await exchange.publish(build_message(anonymous), routing_key=anonymous.type)
    finally:
        await connection.close()

    commands = await _parked(infra, f"{namespace}.booking.eligibility-commands.parking", 3)
    schedule = await _parked(infra, f"{namespace}.booking.schedule.parking", 1)
    for parked in [*commands, *schedule]:
        assert (parked.headers or {})["x-parked-reason"] == "UNTRUSTED_SENDER"
        assert SENDER_HEADER not in (parked.headers or {})  # a replay cannot launder it
    assert await _status(api, me, made["id"]) == "pending"
    async with api.engine.connect() as conn:
        actions = (
            await conn.scalars(sa.text("SELECT action FROM audit_log WHERE appointment_id = :id"), {"id": appointment})
        ).all()
    assert "cancel" not in " ".join(actions)


async def test_a_publish_claiming_another_services_user_id_is_refused_by_the_broker(api: Api) -> None:
    """RabbitMQ itself refuses a `user_id` that is not the login (the proof the consumers rely on)."""
    message = build_message(
        Envelope.wrap(
            CancelAppointmentForEligibility(appointment_id=uuid.uuid4(), staff_hsa_id="X", staff_clinics=None)
        )
    )
    connection = await aio_pika.connect(api.env.settings.amqp_url)  # booking's own login
    try:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(f"{api.env.settings.namespace}.events")
        message.user_id = broker_user("eligibility")
        with pytest.raises(aiormq.exceptions.ChannelPreconditionFailed, match="user_id property set"):
            await exchange.publish(message, routing_key="eligibility.cancel-appointment")
    finally:
        await connection.close()
