"""Eligibility's decisions over the broker trust nobody by name alone (finding 5 of the security
review: anyone on the broker could answer "eligible" to every question, or ask about anyone)."""

import asyncio

import aio_pika
import aiormq
import pytest

from shared.contracts.common import Channel
from shared.contracts.eligibility import DecideEligibility, decision_queue
from shared.messaging.envelope import Envelope
from shared.messaging.rpc import UNTRUSTED
from tests.support.eligibility import System, today
from tests.support.infra import Infra
from tests.support.people import personnummer
from tests.support.waiting import wait_for


async def test_a_decision_asked_by_anyone_but_booking_gets_no_answer(system: System, infra: Infra) -> None:
    namespace = system.api.env.settings.namespace
    question = DecideEligibility(
        subject=personnummer(year=1930),
        time_type_code="covid19-dose1",
        clinic_hsa_id="SE2321000115-O10001",
        start=today(),
        channel=Channel.WEB,
    )
    refused_before = UNTRUSTED.labels("eligibility-decisions")._value.get()
    observer = await aio_pika.connect(infra.amqp_url)
    asker = await aio_pika.connect(infra.amqp_url_for("notifications"))
    try:
        replies = await (await observer.channel()).declare_queue(exclusive=True)
        channel = await asker.channel()
        message = aio_pika.Message(
            Envelope.wrap(question).to_json(),
            correlation_id="forged",
            reply_to=replies.name,
            user_id="tidbok-notifications",
        )
        await channel.default_exchange.publish(message, routing_key=decision_queue(namespace))

        async def refused() -> bool:
            return bool(UNTRUSTED.labels("eligibility-decisions")._value.get() == refused_before + 1)

        await wait_for(refused, timeout=10, interval=0.02)
        assert await replies.get(fail=False) is None, "a refused question has no answer"
    finally:
        await asker.close()
        await observer.close()


async def test_another_services_login_cannot_take_eligibilitys_questions(system: System, infra: Infra) -> None:
    """Least privilege: only eligibility's login reads its queues (so none can answer in its place)."""
    connection = await aio_pika.connect(infra.amqp_url_for("notifications"))
    try:
        channel = await connection.channel()
        queue = await channel.declare_queue(decision_queue(system.api.env.settings.namespace), passive=True)
        with pytest.raises(aiormq.exceptions.ChannelAccessRefused):
            await queue.consume(lambda _: asyncio.sleep(0))
    finally:
        await connection.close()
