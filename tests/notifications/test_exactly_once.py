"""Never twice: redelivered events, two scheduler replicas on one database, and a replica that
dies between the gateway's answer and its commit."""

import asyncio
from collections import Counter
from datetime import datetime, timedelta

import sqlalchemy as sa

from services.notifications.adapters.mailer import Mailer
from services.notifications.adapters.sms_gateway import SmsGateway
from services.notifications.adapters.tables import notifications
from services.notifications.adapters.texts import Texts
from services.notifications.dispatch.dispatcher import DispatchConfig, Dispatcher
from services.notifications.domain.timing import QuietHours
from shared.db import make_engine
from shared.messaging.envelope import Envelope
from tests.support.notifications import STOCKHOLM, Gateway, Notifications, e164, local, mobile
from tests.support.notifications.events import Booking


async def test_redelivered_and_duplicated_events_schedule_and_send_once(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    requested, confirmed = Envelope.wrap(booking.requested()), Envelope.wrap(booking.confirmed())
    # The same message redelivered (same id), and the same event published again under a new id.
    await notif.publish(requested, confirmed, requested, confirmed)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    await notif.publish(confirmed, booking.confirmed())
    await notif.dispatch(local(2026, 3, 4, 9))
    rows = await notif.rows(booking.id)
    assert Counter((r["kind"], r["channel"]) for r in rows) == {
        ("confirmation", "sms"): 1,
        ("confirmation", "email"): 1,
        ("reminder", "sms"): 1,
        ("reminder", "email"): 1,
    }
    texts = await gateway.texts(e164(phone))
    assert len(texts) == 2 and texts[0].startswith("Bokat") and texts[1].startswith("Påminnelse")


async def test_two_replicas_send_each_notification_exactly_once(notif: Notifications, gateway: Gateway) -> None:
    bookings = [Booking(start=local(2026, 3, 6, 9) + timedelta(minutes=i)) for i in range(60)]
    phones = {b.id: mobile() for b in bookings}
    await notif.consent_many({b.subject: phones[b.id] for b in bookings})
    await notif.publish(*(e for b in bookings for e in (b.requested(), b.confirmed())))

    # Two replicas: each its own engine (pool) and gateway client, small batches so they interleave.
    s = notif.settings
    engines = [make_engine(s.database_url) for _ in range(2)]
    replicas = [
        Dispatcher(
            engine=engine,
            clock=notif.clock,
            sms=SmsGateway(
                base_url=s.sms_gateway_url,
                username=s.sms_username,
                password=s.sms_password,
                sender="Region",
                timeout_s=5,
            ),
            mail=Mailer(host=s.smtp_host, port=s.smtp_port, sender=s.mail_from, timeout_s=1),
            texts=Texts(tz=STOCKHOLM, portal_url=s.portal_url),
            quiet=QuietHours.parse(s.quiet_start, s.quiet_end, s.timezone),
            config=DispatchConfig(batch=7, concurrency=4),
        )
        for engine in engines
    ]

    async def drain(replica: Dispatcher) -> int:
        total = 0
        while claimed := await replica.run_once():
            total += claimed
        return total

    try:
        for at in (local(2026, 3, 2, 12), local(2026, 3, 4, 11)):
            notif.clock.set(at)
            claimed = await asyncio.gather(drain(replicas[0]), drain(replicas[1]))
            assert all(claimed), f"both replicas took part: {claimed}"
    finally:
        for engine in engines:
            await engine.dispose()
    for booking in bookings:
        texts = await gateway.texts(e164(phones[booking.id]))
        assert [t.split(":")[0].split(" ")[0] for t in texts] == ["Bokat", "Påminnelse"]
    stats = await gateway.stats()
    assert stats["accepted"] == stats["requests"] == 120 and stats["duplicates"] == 0


class DiesAfterSending:
    """The gateway takes the message, then the replica dies before recording it."""

    def __init__(self, real: object) -> None:
        self.real = real

    async def send(self, *, to: str, text: str, idempotency_key: str) -> str:
        await self.real.send(to=to, text=text, idempotency_key=idempotency_key)  # type: ignore[attr-defined]
        raise asyncio.CancelledError


async def test_a_crash_after_the_gateway_answered_is_not_a_second_sms(notif: Notifications, gateway: Gateway) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    dispatcher = notif.dispatcher
    real = dispatcher._sms
    dispatcher._sms = DiesAfterSending(real)
    try:
        await dispatcher.run_once()
    except asyncio.CancelledError:
        pass
    finally:
        dispatcher._sms = real
    rows = [r for r in await notif.rows(booking.id) if r["channel"] == "sms" and r["kind"] == "confirmation"]
    assert rows[0]["status"] == "sending"
    assert await notif.dispatch() == 0, "a live lease is not taken over"

    await notif.dispatch(notif.clock.now() + timedelta(minutes=3))  # the lease ran out
    rows = [r for r in await notif.rows(booking.id) if r["channel"] == "sms" and r["kind"] == "confirmation"]
    assert rows[0]["status"] == "sent" and rows[0]["attempts"] == 2
    assert len(await gateway.texts(e164(phone))) == 1
    assert (await gateway.stats())["duplicates"] == 1, "the resend carried the same idempotency key"


async def test_the_database_refuses_a_second_row_for_the_same_message(notif: Notifications) -> None:
    booking = Booking(start=local(2026, 3, 6, 9))
    await notif.publish(booking.requested(), booking.confirmed())
    row = (await notif.rows(booking.id))[0]
    copy = {k: row[k] for k in ("appointment_id", "subject", "kind", "channel", "ref", "due_at")}
    engine = notif.app.state.notifications.engine
    async with engine.begin() as conn:
        inserted = await conn.execute(
            sa.dialects.postgresql.insert(notifications)
            .values(copy)
            .on_conflict_do_nothing()
            .returning(notifications.c.id)
        )
        assert inserted.first() is None


class _DiesBeforeSending:
    """A replica that claimed its batch and died before the gateway was called."""

    async def send(self, *, to: str, text: str, idempotency_key: str) -> str:
        raise asyncio.CancelledError


async def test_a_reminder_claimed_before_a_move_is_not_sent_for_the_old_time(
    notif: Notifications, gateway: Gateway
) -> None:
    """The move drops the pending reminders; one claimed at that moment (its replica died, the
    lease ran out) is claimed again after the move and must not remind of the time left."""
    booking = Booking(start=local(2026, 3, 6, 9))
    phone = mobile()
    await notif.consent(booking.subject, phone=phone)
    await notif.publish(booking.requested(), booking.confirmed())
    await notif.dispatch()
    notif.clock.set(local(2026, 3, 4, 9))
    real, notif.dispatcher._sms = notif.dispatcher._sms, _DiesBeforeSending()
    try:
        await notif.dispatcher.run_once()
    except asyncio.CancelledError:
        pass
    finally:
        notif.dispatcher._sms = real
    await notif.publish(booking.rescheduled(local(2026, 3, 10, 14, 30)), booking.confirmed())
    await notif.dispatch(local(2026, 3, 4, 9, 3))  # past the lease: the claimed reminder is claimed again
    texts = await gateway.texts(e164(phone))
    assert not [t for t in texts if t.startswith("Påminnelse") and "6 mars" in t], texts


async def test_an_sms_that_waited_for_its_turn_into_quiet_hours_waits_for_the_morning(notif: Notifications) -> None:
    """A batch is claimed at once and sent a few at a time: one claimed at 20:59 may get its turn
    after 21:00."""
    s = notif.settings
    notif.clock.set(local(2026, 3, 4, 20, 59))
    for booking in (Booking(start=local(2026, 3, 10, 9)), Booking(start=local(2026, 3, 10, 10))):
        await notif.consent(booking.subject, phone=mobile())
        await notif.publish(booking.requested(), booking.confirmed())
    sent: list[datetime] = []

    class SlowGateway:
        async def send(self, *, to: str, text: str, idempotency_key: str) -> str:
            sent.append(notif.clock.now())
            notif.clock.set(notif.clock.now() + timedelta(seconds=70))  # a slow provider
            return f"sms-{len(sent)}"

    class NoMail:
        async def send(self, *, to: str, subject: str, text: str, idempotency_key: str) -> str:
            return "mail"

    engine = make_engine(s.database_url, pool_size=2)
    try:
        one_at_a_time = Dispatcher(
            engine=engine,
            clock=notif.clock,
            sms=SlowGateway(),
            mail=NoMail(),
            texts=Texts(tz=STOCKHOLM, portal_url=s.portal_url),
            quiet=QuietHours.parse(s.quiet_start, s.quiet_end, s.timezone),
            config=DispatchConfig(concurrency=1),
        )
        await one_at_a_time.run_once()
        async with engine.connect() as conn:
            held = (
                await conn.scalars(
                    sa.select(notifications.c.due_at).where(
                        notifications.c.channel == "sms",
                        notifications.c.kind == "confirmation",
                        notifications.c.status == "pending",
                    )
                )
            ).all()
    finally:
        await engine.dispose()
    assert len(sent) == 1 and sent[0] < local(2026, 3, 4, 21), sent
    assert held == [local(2026, 3, 5, 8)]
