"""The whole chain with no stand-in of our own: booking API → outbox → VAS sync → VAS simulator →
confirmed → booking (booked) and notifications → the SMS gateway stand-in lists the confirmation."""

import asyncio
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from services.notifications.main import create_app as create_notifications
from services.notifications.settings import NotificationsSettings
from services.sms_gateway.main import create_app as create_gateway
from services.sms_gateway.settings import SmsGatewaySettings
from shared.migrations import upgrade
from tests.support.fakes.notifications import FakeClock
from tests.support.infra import Infra
from tests.support.notifications import e164, mobile, next_noon
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_sync.system import System
from tests.support.waiting import wait_for


@pytest.fixture(scope="module")
def sms_gateway() -> Iterator[str]:
    port = free_port()
    with serve_in_thread(create_gateway(SmsGatewaySettings(environment="test", port=port)), port) as url:
        yield url


async def test_a_booking_reaches_vas_turns_booked_and_the_resident_gets_one_sms(
    system: System, infra: Infra, sms_gateway: str, idp_server: str
) -> None:
    database = infra.database_url(await infra.create_database("notifications_system"))
    await asyncio.to_thread(upgrade, "notifications", database)
    settings = NotificationsSettings(
        environment="test",
        database_url=database,
        amqp_url=infra.amqp_url_for("notifications"),
        namespace=system.sync_settings.namespace,
        jwks_url=f"{idp_server}/.well-known/jwks.json",
        token_issuer=idp_server,
        sms_gateway_url=sms_gateway,
        outbox_poll_interval_s=0.2,
        run_dispatcher=True,
        dispatch_poll_interval_s=0.05,
    )
    clock = FakeClock(next_noon())  # outside quiet hours, whenever the suite runs
    notifications = create_notifications(settings, clock=clock)
    async with notifications.router.lifespan_context(notifications):

        async def consuming() -> bool:
            host = notifications.state.messaging.host
            return bool(host and host.ready)

        await wait_for(consuming, timeout=30, interval=0.02)
        [slot] = await system.sim.new_slots(start=clock.now() + timedelta(days=3), clinic="SE2321000115-O10001")
        await system.replica_has([slot])
        _, me = await system.api.resident()
        phone = mobile()
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=notifications), base_url="http://notifications"
        ) as http:
            body = {"phone": phone, "consent": {"sms": True}}
            assert (await http.put("/v1/me/contact-preferences", json=body, headers=me)).status_code == 200
        made = await system.book(me, slot)
        await system.becomes(me, made["id"], "booked")
        [in_vas] = await system.sim.booked(made["id"])

        async with httpx.AsyncClient(base_url=sms_gateway) as gateway:

            async def texts() -> list[str]:
                items = (await gateway.get("/messages")).json()["items"]
                return [m["text"] for m in items if m["to"] == e164(phone)]

            sent = await wait_for(texts, timeout=30)
    assert in_vas["timeslot_id"] == slot
    assert len(sent) == 1 and sent[0].startswith("Bokat vårdbesök ")
    assert "nurse" not in sent[0].lower() and "sjuksköterska" not in sent[0].lower()
