"""E-mail through SMTP to the mail catcher, and the two development stand-ins' own behaviour."""

import base64
from datetime import timedelta

import httpx

from tests.support.notifications import Gateway, Mailbox, Notifications, e164, local, mobile
from tests.support.notifications.events import Booking


async def test_confirmation_and_reminder_by_email_in_english(notif: Notifications, mailbox: Mailbox) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    address = f"{booking.id.hex[:8]}@example.se"
    await notif.consent(booking.subject, email=address, language="en")
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    await notif.dispatch(local(2026, 3, 4, 9))
    mails = await mailbox.mails(address)
    assert [m["subject"] for m in mails] == ["Your healthcare appointment", "Reminder of your healthcare appointment"]
    assert mails[0]["text"].startswith("Healthcare appointment booked: Friday 6 March at 09:00, Vårdcentralen")
    assert mails[0]["from"] == "no-reply@tidbok.local"


async def test_a_resent_mail_keeps_its_message_id(notif: Notifications, mailbox: Mailbox) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    address = f"{booking.id.hex[:8]}@example.se"
    await notif.consent(booking.subject, email=address)
    await notif.publish(booking.requested(), booking.confirmed())
    claimed = await notif.dispatcher.run_once()
    assert claimed == 2
    # As if the replica died before recording the send: the row goes back to `sending` with a spent lease.
    engine = notif.app.state.notifications.engine
    async with engine.begin() as conn:
        await conn.exec_driver_sql(
            "UPDATE notifications SET status = 'sending', claimed_until = now() - interval '1 year' "
            "WHERE appointment_id = $1 AND channel = 'email' AND kind = 'confirmation'",
            (booking.id,),
        )
    await notif.dispatch(notif.clock.now() + timedelta(minutes=5))
    assert len(await mailbox.mails(address)) == 1
    assert await mailbox.duplicates() == 1


async def test_the_sms_stand_in_speaks_a_46elks_shaped_api(gateway: Gateway) -> None:
    auth = "Basic " + base64.b64encode(b"tidbok:dev-secret").decode()
    form = {"from": "Region", "to": "+46701234567", "message": "Hej"}
    async with httpx.AsyncClient(base_url=gateway.url) as http:
        assert (await http.post("/a1/sms", data=form)).status_code == 401
        sent = await http.post("/a1/sms", data=form, headers={"Authorization": auth, "Idempotency-Key": "k1"})
        assert sent.status_code == 200 and sent.json()["status"] == "created"
        again = await http.post("/a1/sms", data=form, headers={"Authorization": auth, "Idempotency-Key": "k1"})
        assert again.json()["id"] == sent.json()["id"]
        bad = await http.post("/a1/sms", data={**form, "to": "0701234567"}, headers={"Authorization": auth})
        assert bad.status_code == 400
        listed = (await http.get("/messages")).json()["items"]
        assert [(m["to"], m["text"]) for m in listed] == [("+46701234567", "Hej")]
        assert {"to", "text", "sent_at", "id"} <= set(listed[0])
        page = await http.get("/")
        assert page.status_code == 200 and "+46701234567" in page.text and "Skickade sms" in page.text
        await gateway.faults(fail_next=1, status=503)
        assert (await http.post("/a1/sms", data=form, headers={"Authorization": auth})).status_code == 503
        assert (await http.post("/a1/sms", data=form, headers={"Authorization": auth})).status_code == 200
    assert await gateway.stats() == {"requests": 6, "accepted": 2, "duplicates": 1, "failed": 1}


async def test_the_mail_catcher_page_lists_caught_mail(notif: Notifications, mailbox: Mailbox) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    address = f"{booking.id.hex[:8]}@example.se"
    await notif.consent(booking.subject, email=address, phone=mobile())
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    page = await mailbox.http.get("/")
    assert page.status_code == 200 and address in page.text and "Ditt vårdbesök" in page.text
    assert e164("0701234567") == "+46701234567"
