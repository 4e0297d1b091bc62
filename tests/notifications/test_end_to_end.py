"""End to end: a resident books through the real booking API, VAS sync's confirmation goes over the
real broker, and the SMS stand-in lists the confirmation the notifications service sent."""

from datetime import timedelta

import httpx

from services.notifications.main import create_app
from services.notifications.settings import NotificationsSettings
from shared.contracts.appointments import AppointmentConfirmed
from shared.messaging.envelope import Envelope
from tests.support.booking import Api, BookingEnv, api, booking_env  # noqa: F401 - fixtures
from tests.support.booking.helpers import booked
from tests.support.fakes.notifications import FakeClock
from tests.support.notifications import Gateway, e164, mobile, next_noon, truncate
from tests.support.waiting import wait_for


async def test_a_booking_through_the_api_reaches_the_sms_stand_in(
    api: Api,  # noqa: F811
    booking_env: BookingEnv,  # noqa: F811
    settings: NotificationsSettings,
    gateway: Gateway,
) -> None:
    await truncate(settings.database_url)
    clock = FakeClock(next_noon())
    same_broker = settings.model_copy(
        update={"namespace": booking_env.settings.namespace, "run_dispatcher": True, "dispatch_poll_interval_s": 0.05}
    )
    notifications = create_app(same_broker, clock=clock)
    async with notifications.router.lifespan_context(notifications):

        async def consuming() -> bool:
            return bool(notifications.state.messaging.host and notifications.state.messaging.host.ready)

        await wait_for(consuming, timeout=30, interval=0.02)
        [slot] = await api.new_slots(1, start=clock.now() + timedelta(days=3))
        _, me = await api.resident()
        phone = mobile()
        transport = httpx.ASGITransport(app=notifications)
        async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as http:
            body = {"phone": phone, "consent": {"sms": True}}
            assert (await http.put("/v1/me/contact-preferences", json=body, headers=me)).status_code == 200

        appointment = await booked(api, me, slot)
        # VAS sync's answer, as it publishes it once VAS accepted the booking.
        confirmed = AppointmentConfirmed(
            appointment_id=appointment["id"], version=appointment["version"], vas_appointment_id="vas-e2e-1"
        )
        await api.publisher.publish(Envelope.wrap(confirmed))

        async def confirmation() -> list[str]:
            return await gateway.texts(e164(phone))

        texts = await wait_for(confirmation, timeout=20, interval=0.1)
        assert len(texts) == 1 and texts[0].startswith("Bokat vårdbesök ")
        assert "Vårdcentralen Andersberg" in texts[0]

        async def booked_in_booking() -> bool:
            seen = await api.http.get(f"/v1/appointments/{appointment['id']}", headers=me)
            return bool(seen.json()["status"] == "booked")

        await wait_for(booked_in_booking, timeout=10)
