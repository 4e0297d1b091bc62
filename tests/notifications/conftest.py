"""Fixtures of the notifications tests (their helpers: tests/support/notifications.py)."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC

import httpx
import pytest
import pytest_asyncio

from services.mail_catcher.main import create_app as create_catcher
from services.mail_catcher.settings import MailCatcherSettings
from services.notifications.main import create_app
from services.notifications.settings import NotificationsSettings
from services.sms_gateway.main import create_app as create_gateway
from services.sms_gateway.settings import SmsGatewaySettings
from shared.migrations import upgrade
from tests.support.broker import OwnerPublisher
from tests.support.fakes.notifications import FakeClock
from tests.support.infra import Infra
from tests.support.notifications import (
    CatcherAddress,
    Gateway,
    Mailbox,
    Notifications,
    local,
    truncate,
)
from tests.support.servers import free_port, serve_in_thread
from tests.support.waiting import wait_for


@pytest.fixture(scope="session")
def sms_gateway_url() -> Iterator[str]:
    port = free_port()
    with serve_in_thread(create_gateway(SmsGatewaySettings(environment="test", port=port)), port) as url:
        yield url


@pytest.fixture(scope="session")
def mail_catcher() -> Iterator[CatcherAddress]:
    http_port, smtp_port = free_port(), free_port()
    settings = MailCatcherSettings(environment="test", port=http_port, smtp_port=smtp_port)
    with serve_in_thread(create_catcher(settings), http_port) as url:
        yield CatcherAddress(url, smtp_port)


@pytest_asyncio.fixture
async def mailbox(mail_catcher: CatcherAddress) -> AsyncIterator[Mailbox]:
    value = Mailbox(mail_catcher.url)
    await value.http.delete("/messages")
    yield value
    await value.http.aclose()


@pytest_asyncio.fixture
async def gateway(sms_gateway_url: str) -> AsyncIterator[Gateway]:
    value = Gateway(sms_gateway_url)
    await value.http.delete("/messages")
    await value.faults()
    yield value
    await value.faults()
    await value.http.aclose()


@pytest.fixture(scope="session")
def notifications_db(infra: Infra) -> str:
    url = infra.database_url(asyncio.run(infra.create_database("notifications")))
    upgrade("notifications", url)
    return url


@pytest.fixture
def settings(
    infra: Infra,
    notifications_db: str,
    idp_url: str,
    sms_gateway_url: str,
    mail_catcher: CatcherAddress,
    namespace: str,
) -> NotificationsSettings:
    return NotificationsSettings(
        environment="test",
        database_url=notifications_db,
        amqp_url=infra.amqp_url_for("notifications"),
        namespace=namespace,
        jwks_url=f"{idp_url}/.well-known/jwks.json",
        token_issuer=idp_url,
        sms_gateway_url=sms_gateway_url,
        retry_delays_s=(1, 2),
        outbox_poll_interval_s=0.2,
        run_dispatcher=False,
        dispatch_batch=50,
        retry_base_s=60,
        smtp_port=mail_catcher.smtp_port,
    )


@pytest_asyncio.fixture
async def notif(settings: NotificationsSettings, idp_url: str) -> AsyncIterator[Notifications]:
    await truncate(settings.database_url)
    clock = FakeClock(local(2026, 3, 2, 10).astimezone(UTC))
    app = create_app(settings, clock=clock)
    publisher = OwnerPublisher(settings.amqp_url, namespace=settings.namespace)
    async with app.router.lifespan_context(app):
        messaging = app.state.messaging

        async def consuming() -> bool:
            return messaging.host is not None and messaging.host.ready

        await wait_for(consuming, timeout=30, interval=0.02)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://notifications") as client:
            yield Notifications(app, settings, clock, client, publisher, idp_url)
    await publisher.close()
