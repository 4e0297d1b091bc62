"""A booking gets one confirmation and a reminder 48 h before; rebooking moves the reminder,
cancelling drops it; refusals and out-of-order events — real broker and database, moved clock."""

from datetime import UTC, datetime, timedelta

from shared.contracts.common import Actor
from tests.support.notifications import Gateway, Mailbox, Notifications, e164, local, mobile
from tests.support.notifications.events import CLINIC_NAME, Booking


async def test_booking_gets_one_confirmation_and_a_reminder_48h_before(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))  # Friday 09:00
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested())
    assert await notif.dispatch() == 0, "nothing goes out before VAS confirmed"

    await notif.publish(booking.confirmed())
    await notif.dispatch()
    texts = await gateway.texts(e164(phone))
    assert texts == [
        "Bokat vårdbesök fredag 6 mars kl. 09:00 på Vårdcentralen Andersberg. "
        "Avboka eller boka om: https://e-tjanster.1177.se/mvk"
    ]

    reminders = [r for r in await notif.rows(booking.id) if r["kind"] == "reminder" and r["channel"] == "sms"]
    assert [r["due_at"] for r in reminders] == [local(2026, 3, 4, 9)]
    await notif.dispatch(local(2026, 3, 4, 8, 59))
    assert len(await gateway.texts(e164(phone))) == 1, "not before it is due"
    await notif.dispatch(local(2026, 3, 4, 9))
    await notif.dispatch(local(2026, 3, 5, 9))
    texts = await gateway.texts(e164(phone))
    assert len(texts) == 2
    assert texts[1].startswith("Påminnelse: vårdbesök fredag 6 mars kl. 09:00 på Vårdcentralen Andersberg.")


async def test_rebooking_moves_the_reminder(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()

    await notif.publish(booking.rescheduled(local(2026, 3, 10, 14, 30)), booking.confirmed())
    await notif.dispatch()
    rows = [r for r in await notif.rows(booking.id) if r["kind"] == "reminder" and r["channel"] == "sms"]
    assert [(r["due_at"], r["status"]) for r in rows] == [
        (local(2026, 3, 4, 9), "dropped"),
        (local(2026, 3, 8, 14, 30), "pending"),
    ]
    await notif.dispatch(local(2026, 3, 5))  # past the old reminder's time: nothing
    assert len(await gateway.texts(e164(phone))) == 2
    await notif.dispatch(local(2026, 3, 8, 14, 30))
    texts = await gateway.texts(e164(phone))
    assert len(texts) == 3
    assert texts[1].startswith("Ditt vårdbesök är flyttat till tisdag 10 mars kl. 14:30 på Vårdcentralen Andersberg.")
    assert texts[2].startswith("Påminnelse: vårdbesök tisdag 10 mars kl. 14:30")


async def test_cancelling_drops_the_reminder_and_says_who_cancelled(notif: Notifications, gateway: Gateway) -> None:
    mine, theirs = Booking(start=local(2026, 3, 6, 9)), Booking(start=local(2026, 3, 6, 10))
    phones = {mine.id: mobile(), theirs.id: mobile()}
    for booking in (mine, theirs):
        await notif.consent(booking.subject, phone=phones[booking.id])
        await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    await notif.publish(mine.cancelled(Actor.CITIZEN), theirs.cancelled(Actor.CLINIC))
    await notif.dispatch()
    await notif.dispatch(local(2026, 3, 7))  # well past the reminders' time
    mine_texts, their_texts = await gateway.texts(e164(phones[mine.id])), await gateway.texts(e164(phones[theirs.id]))
    assert len(mine_texts) == len(their_texts) == 2  # confirmation and cancellation, no reminder
    assert "är avbokat av dig" in mine_texts[1]
    assert "är avbokat av vårdcentralen" in their_texts[1]
    assert all(r["status"] == "dropped" for r in await notif.rows(mine.id) if r["kind"] == "reminder")


async def test_a_refusal_asks_to_choose_another_time(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.rejected())
    await notif.dispatch()
    assert await gateway.texts(e164(phone)) == [
        f"Din tid för vårdbesök fredag 6 mars kl. 09:00 på {CLINIC_NAME} kunde inte bekräftas. "
        "Välj en annan tid: https://e-tjanster.1177.se/mvk"
    ]
    assert {r["kind"] for r in await notif.rows(booking.id)} == {"rejected"}


async def test_a_refused_move_keeps_the_old_time_and_its_reminder(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.publish(booking.rescheduled(local(2026, 3, 12, 9)), booking.rejected())
    await notif.dispatch()
    await notif.dispatch(local(2026, 3, 4, 9))
    texts = await gateway.texts(e164(phone))
    assert len(texts) == 3
    assert texts[1].startswith("Ditt vårdbesök kunde inte flyttas. Din tid fredag 6 mars kl. 09:00")
    assert texts[2].startswith("Påminnelse: vårdbesök fredag 6 mars kl. 09:00")


async def test_confirmation_before_the_booking_event_still_confirms_once(
    notif: Notifications, gateway: Gateway
) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.confirmed())  # VAS sync's answer overtook the booking event
    assert await notif.rows(booking.id) == []
    await notif.publish(booking.requested())
    await notif.dispatch()
    assert len(await gateway.texts(e164(phone))) == 1
    assert sorted((r["kind"], r["channel"]) for r in await notif.rows(booking.id)) == [
        ("confirmation", "email"),
        ("confirmation", "sms"),
        ("reminder", "email"),
        ("reminder", "sms"),
    ]


async def test_a_reminder_after_downtime_goes_out_only_while_still_useful(
    notif: Notifications, gateway: Gateway
) -> None:
    on_time, too_late = Booking(start=local(2026, 3, 6, 15)), Booking(start=local(2026, 3, 6, 9))
    phones = {on_time.id: mobile(), too_late.id: mobile()}
    for booking in (on_time, too_late):
        await notif.consent(booking.subject, phone=phones[booking.id])
        await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    # The service was down from Tuesday until Friday 08:30.
    await notif.dispatch(local(2026, 3, 6, 8, 30))
    assert len(await gateway.texts(e164(phones[on_time.id]))) == 2, "6.5 h ahead: still worth sending"
    assert len(await gateway.texts(e164(phones[too_late.id]))) == 1, "30 min ahead: too late"
    late = [r for r in await notif.rows(too_late.id) if r["kind"] == "reminder" and r["channel"] == "sms"]
    assert [(r["status"], r["outcome"]) for r in late] == [("dropped", "too_late")]
    assert timedelta(hours=1) == booking.start - late[0]["not_after"]


async def test_a_booking_confirmed_at_night_is_texted_at_8_and_mailed_at_once(
    notif: Notifications, gateway: Gateway, mailbox: Mailbox
) -> None:
    # Saturday 28 March 2026, 22:30: the clocks go forward that night (02:00 → 03:00).
    notif.clock.set(local(2026, 3, 28, 22, 30))
    booking = Booking(start=local(2026, 4, 2, 10))
    phone, address = mobile(), f"{booking.id.hex[:8]}@example.se"
    await notif.consent(booking.subject, phone=phone, email=address)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    assert len(await mailbox.mails(address)) == 1
    assert await gateway.texts(e164(phone)) == []
    sms = next(r for r in await notif.rows(booking.id) if r["kind"] == "confirmation" and r["channel"] == "sms")
    assert sms["due_at"] == local(2026, 3, 29, 8) == datetime(2026, 3, 29, 6, tzinfo=UTC)
    await notif.dispatch(datetime(2026, 3, 29, 5, 59, tzinfo=UTC))  # 07:59 CEST
    assert await gateway.texts(e164(phone)) == []
    await notif.dispatch(datetime(2026, 3, 29, 6, tzinfo=UTC))
    assert len(await gateway.texts(e164(phone))) == 1
