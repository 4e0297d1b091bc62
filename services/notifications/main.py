"""The notifications service: consumes appointment events, keeps the schedule, and every replica
runs the dispatcher that sends what is due (SMS through the gateway, e-mail over SMTP)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI

from services.notifications.adapters.mailer import Mailer
from services.notifications.adapters.reminders_file import load_policy
from services.notifications.adapters.sms_gateway import SmsGateway
from services.notifications.adapters.texts import Texts
from services.notifications.api import contact_preferences, ops
from services.notifications.dispatch.dispatcher import DispatchConfig, Dispatcher
from services.notifications.domain.errors import NotificationsCode
from services.notifications.domain.planner import Planner
from services.notifications.domain.timing import QuietHours
from services.notifications.handlers.appointments import AppointmentHandlers
from services.notifications.settings import NotificationsSettings
from services.notifications.state import NotificationsApp
from shared.auth import verifier_from
from shared.clock import Clock, SystemClock
from shared.contracts.owners import OWNER_OF_TYPE
from shared.contracts.subscriptions import SUBSCRIPTIONS
from shared.db import make_engine, make_sessionmaker
from shared.health import ReadinessCheck, database_check
from shared.messaging.runtime import Messaging
from shared.web.app import build_app, run_service

SERVICE = "notifications"


def create_app(settings: NotificationsSettings | None = None, *, clock: Clock | None = None) -> FastAPI:
    settings = settings or NotificationsSettings()
    clock = clock or SystemClock()
    engine = make_engine(settings.database_url, pool_size=settings.db_pool_size, application_name=SERVICE)
    quiet = QuietHours.parse(settings.quiet_start, settings.quiet_end, settings.timezone)
    planner = Planner(
        policy=load_policy(settings.reminders_file),
        quiet=quiet,
        latest_before=timedelta(minutes=settings.reminder_latest_minutes_before),
    )
    messaging = Messaging(
        settings=settings,
        service=SERVICE,
        engine=engine,
        sessionmaker=make_sessionmaker(engine),
        owners=OWNER_OF_TYPE,
        subscriptions=SUBSCRIPTIONS,
    )
    messaging.consumer(
        "appointments",
        AppointmentHandlers(planner=planner, clock=clock).handlers(),
        batch_size=settings.consumer_batch_size,
    )
    sms = SmsGateway(
        base_url=settings.sms_gateway_url,
        username=settings.sms_username,
        password=settings.sms_password,
        sender=settings.sms_sender,
        timeout_s=settings.sms_timeout_s,
    )
    mail = Mailer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.mail_from,
        timeout_s=settings.smtp_timeout_s,
        start_tls=settings.smtp_start_tls,
    )
    dispatcher = Dispatcher(
        engine=engine,
        clock=clock,
        sms=sms,
        mail=mail,
        texts=Texts(tz=quiet.tz, portal_url=settings.portal_url, no_show_cost_kr=settings.no_show_cost_kr),
        quiet=quiet,
        config=DispatchConfig(
            batch=settings.dispatch_batch,
            concurrency=settings.dispatch_concurrency,
            poll_interval_s=settings.dispatch_poll_interval_s,
            lease=timedelta(seconds=settings.dispatch_lease_s),
            retry_base_s=settings.retry_base_s,
            retry_max_s=settings.retry_max_s,
            max_attempts=settings.max_attempts,
        ),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await messaging.start()
        task = asyncio.create_task(dispatcher.run(), name="dispatcher") if settings.run_dispatcher else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await messaging.stop()
            await sms.close()
            await engine.dispose()

    state = NotificationsApp(engine=engine, clock=clock, verifier=verifier_from(settings))
    checks = [database_check(engine), *messaging.readiness_checks()]
    if settings.run_dispatcher:
        checks.append(_dispatcher_check(dispatcher))
    app = build_app(
        settings=settings,
        title="Tidbok notifications API",
        description="Contact preferences, and operations views of the notification schedule. "
        "Errors are RFC 9457 problem+json with a stable `code`.",
        routers=[contact_preferences.router, ops.router],
        checks=checks,
        lifespan=lifespan,
        verifier=state.verifier,
        catalogues=[NotificationsCode],
    )
    app.state.notifications = state
    app.state.messaging = messaging
    app.state.dispatcher = dispatcher
    return app


def _dispatcher_check(dispatcher: Dispatcher) -> ReadinessCheck:
    async def check() -> tuple[bool, str]:
        return dispatcher.alive, "ok" if dispatcher.alive else "not running"

    return ReadinessCheck("dispatcher", check)


def main() -> None:
    run_service(create_app, NotificationsSettings)


if __name__ == "__main__":
    main()
