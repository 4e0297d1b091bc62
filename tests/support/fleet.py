"""Every service on a real port, each with its own database, on this run's broker vhost: what the
contract fuzzer calls over HTTP, as the portal and operations would."""

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine
from yarl import URL

from services.booking.adapters.catalogue_loader import load_catalogue
from services.booking.main import create_app as create_booking
from services.booking.settings import BookingSettings
from services.eligibility.demo.seed import seed as seed_eligibility
from services.eligibility.main import create_app as create_eligibility
from services.eligibility.settings import EligibilitySettings
from services.mail_catcher.main import create_app as create_mail_catcher
from services.mail_catcher.settings import MailCatcherSettings
from services.notifications.main import create_app as create_notifications
from services.notifications.settings import NotificationsSettings
from services.ops_console.main import create_app as create_ops_console
from services.ops_console.settings import OpsConsoleSettings
from services.portal.main import create_app as create_portal
from services.portal.settings import PortalSettings
from services.sms_gateway.main import create_app as create_sms_gateway
from services.sms_gateway.settings import SmsGatewaySettings
from services.vas_simulator.demo import publish_demo_timeslots
from services.vas_simulator.main import create_app as create_simulator
from services.vas_simulator.settings import VasSettings
from services.vas_sync.main import create_app as create_vas_sync
from services.vas_sync.settings import VasSyncSettings
from shared.db import make_engine
from shared.migrations import upgrade
from shared.settings import ServiceSettings
from shared.web.app import server_config
from tests.support.idp import DevIdp
from tests.support.infra import Infra
from tests.support.servers import free_port, serve_in_thread

DEMO = Path("services/booking/demo")


@dataclass(frozen=True)
class Fleet:
    urls: dict[str, str]  # service name -> base URL


def _database(infra: Infra, service: str) -> str:
    url = infra.database_url(asyncio.run(infra.create_database(f"fuzz_{service}")))
    upgrade(service, url)
    return url


def _with(engine_url: str, work: "object") -> None:
    async def run() -> None:
        engine: AsyncEngine = make_engine(engine_url, pool_size=2)
        try:
            await work(engine)  # type: ignore[operator]
        finally:
            await engine.dispose()

    asyncio.run(run())


@contextmanager
def running_fleet(infra: Infra, idp: DevIdp, *, days: int = 2) -> Iterator[Fleet]:
    """`days` of the demo's free times from today (weekdays only, as the clinics work)."""
    namespace = f"fz{uuid.uuid4().hex[:8]}"
    auth: dict[str, Any] = {"jwks_url": idp.jwks_url, "token_issuer": idp.settings.issuer}
    common: dict[str, Any] = {"environment": "test", "namespace": namespace, "outbox_poll_interval_s": 0.2}
    ports = {name: free_port() for name in ("simulator", "sms", "mail", "mail_smtp", "vas_sync", "booking")}
    ports |= {name: free_port() for name in ("eligibility", "notifications", "ops_console", "portal")}

    simulator_db = _database(infra, "vas_simulator")
    _with(simulator_db, lambda engine: publish_demo_timeslots(engine, days=days))
    booking_db = _database(infra, "booking")
    _with(booking_db, lambda engine: load_catalogue(engine, DEMO))
    eligibility = EligibilitySettings(
        database_url=_database(infra, "eligibility"), amqp_url=infra.amqp_url_for("eligibility"), **auth, **common
    )
    asyncio.run(seed_eligibility(eligibility))
    host = "http://127.0.0.1"
    apps: list[tuple[str, FastAPI, ServiceSettings]] = []

    def add(name: str, create: "object", settings: ServiceSettings) -> None:
        apps.append((name, create(settings), settings))  # type: ignore[operator]

    add(
        "vas_simulator",
        create_simulator,
        VasSettings(environment="test", database_url=simulator_db, port=ports["simulator"]),
    )
    add("sms_gateway", create_sms_gateway, SmsGatewaySettings(environment="test", port=ports["sms"]))
    add(
        "mail_catcher",
        create_mail_catcher,
        MailCatcherSettings(environment="test", port=ports["mail"], smtp_port=ports["mail_smtp"]),
    )
    add("eligibility", create_eligibility, eligibility.model_copy(update={"port": ports["eligibility"]}))
    add(
        "booking",
        create_booking,
        BookingSettings(
            database_url=booking_db,
            amqp_url=infra.amqp_url_for("booking"),
            port=ports["booking"],
            eligibility_mode="rpc",
            **auth,
            **common,
        ),
    )
    add(
        "vas_sync",
        create_vas_sync,
        VasSyncSettings(
            database_url=_database(infra, "vas_sync"),
            amqp_url=infra.amqp_url_for("vas_sync"),
            port=ports["vas_sync"],
            vas_url=f"{host}:{ports['simulator']}",
            reconcile_interval_s=3600,
            **auth,
            **common,
        ),
    )
    add(
        "notifications",
        create_notifications,
        NotificationsSettings(
            database_url=_database(infra, "notifications"),
            amqp_url=infra.amqp_url_for("notifications"),
            port=ports["notifications"],
            sms_gateway_url=f"{host}:{ports['sms']}",
            smtp_port=ports["mail_smtp"],
            **auth,
            **common,
        ),
    )
    operations = URL(infra.amqp_url_for("operations"))
    add(
        "ops_console",
        create_ops_console,
        OpsConsoleSettings(
            database_url=_database(infra, "ops_console"),
            amqp_url=str(operations),
            rabbitmq_api_user=operations.user or "",
            rabbitmq_api_password=operations.password or "",
            port=ports["ops_console"],
            services={
                name: f"{host}:{ports[name]}" for name in ("booking", "eligibility", "notifications", "vas_sync")
            },
            development_login_url=f"{idp.url}/token",
            **auth,
            **common,
        ),
    )
    add(
        "portal",
        create_portal,
        PortalSettings(
            environment="test",
            port=ports["portal"],
            booking_url=f"{host}:{ports['booking']}",
            notifications_url=f"{host}:{ports['notifications']}",
            development_login_url=f"{idp.url}/token",
            wait_for_vas_s=0,
            **auth,
        ),
    )
    with ExitStack() as stack:
        urls = {"idp": idp.url}
        for name, app, settings in apps:
            urls[name] = stack.enter_context(serve_in_thread(app, settings.port, server_config(app, settings)))
        yield Fleet(urls)
