"""The console's parts from its settings: one place for the web app and the command line."""

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from services.ops_console.adapters.parked import Parked
from services.ops_console.adapters.probes import Probes
from services.ops_console.adapters.rabbit_api import RabbitApi
from services.ops_console.adapters.store import Store
from services.ops_console.domain.queues import StuckWatch
from services.ops_console.settings import OpsConsoleSettings
from services.ops_console.usecases.console import Console


def console_from(settings: OpsConsoleSettings, engine: AsyncEngine, *, services: dict[str, str]) -> Console:
    return Console(
        namespace=settings.namespace,
        broker=RabbitApi(
            settings.rabbitmq_api_url,
            user=settings.rabbitmq_api_user,
            password=settings.rabbitmq_api_password,
            vhost=settings.vhost,
            timeout_s=settings.call_timeout_s,
        ),
        parked=Parked(settings.amqp_url, read_limit=settings.parked_read_limit),
        probes=Probes(services, timeout_s=settings.call_timeout_s),
        store=Store(engine),
        stuck=StuckWatch(settings.stuck_after_s),
        services=services,
        http=httpx.AsyncClient(timeout=settings.call_timeout_s),
    )
