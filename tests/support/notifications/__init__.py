"""What the notifications tests share (their fixtures: tests/notifications/conftest.py)."""

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from services.notifications.adapters import contacts_repo
from services.notifications.adapters.tables import notifications
from services.notifications.dispatch.dispatcher import Dispatcher
from services.notifications.domain.contact import ContactPreferences
from services.notifications.settings import NotificationsSettings
from shared.messaging.consumer import Consumer
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.tables import inbox
from tests.support.broker import OwnerPublisher
from tests.support.fakes.notifications import FakeClock
from tests.support.waiting import wait_for

STOCKHOLM = ZoneInfo("Europe/Stockholm")


TABLES = ("notifications", "appointments", "contact_preferences", "inbox", "outbox")


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def mobile() -> str:
    """A valid Swedish mobile number nobody else in the run uses (070-xxx xx xx)."""
    return f"070{random.randrange(10**7):07d}"


def e164(number: str) -> str:
    return "+46" + number[1:]


class Gateway:
    """The SMS stand-in, as a test reads it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.AsyncClient(base_url=url)

    async def texts(self, to: str) -> list[str]:
        items = (await self.http.get("/messages", params={"to": to})).json()["items"]
        return [m["text"] for m in reversed(items)]

    async def stats(self) -> dict[str, int]:
        return dict((await self.http.get("/stats")).json())

    async def faults(self, **faults: Any) -> None:
        (await self.http.post("/admin/faults", json=faults)).raise_for_status()


@dataclass(frozen=True)
class CatcherAddress:
    url: str
    smtp_port: int


class Mailbox:
    """The mail catcher, as a test reads it."""

    def __init__(self, url: str) -> None:
        self.http = httpx.AsyncClient(base_url=url)

    async def mails(self, to: str) -> list[dict[str, Any]]:
        return list(reversed((await self.http.get("/messages", params={"to": to})).json()["items"]))

    async def duplicates(self) -> int:
        return int((await self.http.get("/messages")).json()["duplicates"])


@dataclass
class Notifications:
    app: FastAPI
    settings: NotificationsSettings
    clock: FakeClock
    http: httpx.AsyncClient
    publisher: OwnerPublisher
    idp_url: str

    @property
    def dispatcher(self) -> Dispatcher:
        dispatcher: Dispatcher = self.app.state.dispatcher
        return dispatcher

    @property
    def consumer(self) -> Consumer:
        consumer: Consumer = self.app.state.messaging.consumers[0]
        return consumer

    async def publish(self, *events: Contract | Envelope) -> None:
        """Publish as the booking service and VAS sync would, and wait until all are handled."""
        envelopes = [event if isinstance(event, Envelope) else Envelope.wrap(event) for event in events]
        for envelope in envelopes:
            await self.publisher.publish(envelope)
        ids = {envelope.id for envelope in envelopes}
        engine = self.app.state.notifications.engine

        async def handled() -> bool:
            # The inbox row is written in the handler's transaction: there means handled and committed.
            async with engine.connect() as conn:
                found = await conn.scalar(sa.select(sa.func.count()).where(inbox.c.message_id.in_(ids)))
            return bool(found == len(ids))

        await wait_for(handled, timeout=20, interval=0.05)

    async def dispatch(self, at: datetime | None = None) -> int:
        """Run the scheduler (at `at`, if given) until nothing more is due; the number claimed."""
        if at is not None:
            self.clock.set(at)
        total = 0
        while claimed := await self.dispatcher.run_once():
            total += claimed
        return total

    async def token(self, **claims: object) -> dict[str, str]:
        async with httpx.AsyncClient(base_url=self.idp_url) as idp:
            response = await idp.post("/token", json=claims)
            response.raise_for_status()
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def consent(
        self,
        pnr: str,
        *,
        phone: str | None = None,
        email: str | None = None,
        sms: bool | None = None,
        language: str = "sv",
    ) -> None:
        """Set contact details over the API; consent to each channel that has an address unless told."""
        consent = {"sms": phone is not None if sms is None else sms, "email": email is not None}
        body = {"phone": phone, "email": email, "language": language, "consent": consent}
        response = await self.http.put(
            "/v1/me/contact-preferences", json=body, headers=await self.token(personnummer=pnr)
        )
        assert response.status_code == 200, response.text

    async def consent_many(self, phones: dict[str, str]) -> None:
        """SMS consent for many residents at once, written as the API would (no login per person)."""
        async with self.app.state.notifications.engine.begin() as conn:
            for pnr, phone in phones.items():
                await contacts_repo.put(conn, pnr, ContactPreferences(phone=e164(phone), sms_consent=True))

    async def rows(self, appointment_id: uuid.UUID) -> list[dict[str, Any]]:
        engine = self.app.state.notifications.engine
        async with engine.connect() as conn:
            result = await conn.execute(
                sa.select(notifications).where(notifications.c.appointment_id == appointment_id).order_by("id")
            )
            return [dict(row._mapping) for row in result]


async def truncate(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(f"TRUNCATE {', '.join(TABLES)}")
    finally:
        await conn.close()


def later(clock: FakeClock, **delta: float) -> datetime:
    return clock.now() + timedelta(**delta)


def next_noon() -> datetime:
    """Midday in Stockholm (outside quiet hours whenever the test runs): the notification service's clock."""
    now = datetime.now(STOCKHOLM)
    noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    return (noon if noon > now else noon + timedelta(days=1)).astimezone(UTC)
