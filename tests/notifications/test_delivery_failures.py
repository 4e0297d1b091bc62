"""A failing gateway is retried with backoff until it answers; a refusal is recorded for operations."""

from datetime import timedelta

from shared.identity import mask
from tests.support.notifications import Gateway, Notifications, e164, local, mobile
from tests.support.notifications.events import Booking


async def test_a_failing_gateway_is_retried_with_backoff_then_succeeds(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await gateway.faults(fail_next=2, status=503)

    started = notif.clock.now()
    await notif.dispatch()
    sms = next(r for r in await notif.rows(booking.id) if r["kind"] == "confirmation" and r["channel"] == "sms")
    assert (sms["status"], sms["attempts"], sms["due_at"]) == ("pending", 1, started + timedelta(seconds=60))
    assert "503" in sms["last_error"]
    await notif.dispatch(started + timedelta(seconds=59))
    assert await gateway.texts(e164(phone)) == [], "not retried before the backoff ends"
    await notif.dispatch(started + timedelta(seconds=60))
    sms = next(r for r in await notif.rows(booking.id) if r["id"] == sms["id"])
    assert (sms["attempts"], sms["due_at"]) == (2, started + timedelta(seconds=60 + 120)), "the backoff doubles"
    await notif.dispatch(started + timedelta(seconds=180))
    sms = next(r for r in await notif.rows(booking.id) if r["id"] == sms["id"])
    assert (sms["status"], sms["attempts"]) == ("sent", 3)
    assert len(await gateway.texts(e164(phone))) == 1


async def test_a_refused_message_is_failed_for_good_and_listed_for_operations(
    notif: Notifications, gateway: Gateway
) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await gateway.faults(fail_next=1, status=400)
    await notif.dispatch()
    await notif.dispatch(notif.clock.now() + timedelta(hours=1))

    ops = await notif.token(hsa_id="SE2321000115-E9001", roles=["operations"], clinics=[])
    response = await notif.http.get("/v1/ops/notifications/failed", headers=ops)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["appointment_id"], i["kind"], i["channel"], i["outcome"]) for i in items] == [
        (str(booking.id), "confirmation", "sms", "refused")
    ]
    assert "400" in items[0]["last_error"]
    for hidden in (booking.subject, mask(booking.subject), booking.subject[:8]):
        assert hidden not in response.text
    summary = (await notif.http.get("/v1/ops/notifications/summary", headers=ops)).json()
    assert summary["failed"] == 1
    resident = await notif.token(personnummer=booking.subject)
    assert (await notif.http.get("/v1/ops/notifications/failed", headers=resident)).status_code == 403

    # The cause fixed (the gateway takes messages again), operations send it once more.
    failed_id = items[0]["id"]
    retry = f"/v1/ops/notifications/{failed_id}/retry"
    assert (await notif.http.post(retry, headers=resident)).status_code == 403
    answer = await notif.http.post(retry, headers=ops)
    assert answer.status_code == 202, answer.text
    assert answer.json()["status"] == "pending"
    await notif.dispatch()
    sent = next(r for r in await notif.rows(booking.id) if r["id"] == failed_id)
    assert (sent["status"], sent["attempts"]) == ("sent", 1)
    assert len(await gateway.texts(e164(phone))) == 1
    again = await notif.http.post(retry, headers=ops)
    assert (again.status_code, again.json()["code"]) == (409, "NOTIFICATION_NOT_FAILED")
    unknown = await notif.http.post("/v1/ops/notifications/999999999/retry", headers=ops)
    assert (unknown.status_code, unknown.json()["code"]) == (404, "NOTIFICATION_NOT_FOUND")
