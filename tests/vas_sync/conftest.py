"""Fixtures of the vas_sync tests (their helpers: tests/support/vas_sync.py)."""

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from services.vas_simulator.main import create_app as create_simulator
from services.vas_simulator.settings import VasSettings
from services.vas_sync.settings import VasSyncSettings
from shared.migrations import upgrade
from tests.support.booking.helpers import HOME_CLINIC
from tests.support.broker import OwnerPublisher
from tests.support.infra import Infra
from tests.support.servers import free_port, serve_in_thread
from tests.support.vas_sync.harness import Observer, Sim, new_sync_database, protocol_settings, sync_settings
from tests.support.vas_sync.system import System, booking_env, running_system


@pytest.fixture(scope="session")
def simulator_db(infra: Infra) -> str:
    """The simulator's own database (tests use it only to make drift VAS would not report)."""
    url = infra.database_url(asyncio.run(infra.create_database("vas_sim_for_sync")))
    upgrade("vas_simulator", url)
    return url


@pytest.fixture(scope="session")
def simulator_url(simulator_db: str) -> Iterator[str]:
    settings = VasSettings(
        environment="test", database_url=simulator_db, fault_hang_s=1.5, fault_cache_s=0.0, db_pool_size=20
    )
    with serve_in_thread(create_simulator(settings), free_port()) as served:
        yield served


@pytest.fixture
def protocol() -> str:
    """How VAS sync speaks to VAS; scenario tests parametrise it over both."""
    return "simulator-api"


@pytest_asyncio.fixture
async def sim(simulator_url: str, protocol: str) -> AsyncIterator[Sim]:
    async with httpx.AsyncClient(base_url=simulator_url, timeout=30) as client:
        value = Sim(simulator_url, client, protocol=protocol)
        await value.faults()
        yield value
        await value.faults()


@pytest_asyncio.fixture
async def observer(infra: Infra, namespace: str) -> AsyncIterator[Observer]:
    value = Observer(infra.amqp_url, namespace)
    await value.start()
    yield value
    await value.close()


@pytest_asyncio.fixture
async def settings(infra: Infra, namespace: str, sim: Sim, protocol: str) -> VasSyncSettings:
    extra = protocol_settings(protocol, [sim.clinic, HOME_CLINIC])
    return sync_settings(infra, await new_sync_database(infra, sim), namespace, sim.url, **extra)


@pytest_asyncio.fixture
async def publisher(settings: VasSyncSettings) -> AsyncIterator[OwnerPublisher]:
    """Publishes appointment events as the booking service would (with booking's broker login)."""
    value = OwnerPublisher(settings.amqp_url, namespace=settings.namespace)
    yield value
    await value.close()


@pytest.fixture(scope="session")
def idp_server(idp_url: str) -> str:
    return idp_url


@pytest_asyncio.fixture
async def system(
    infra: Infra, idp_server: str, namespace: str, sim: Sim, settings: VasSyncSettings
) -> AsyncIterator[System]:
    env = await booking_env(infra, idp_server, namespace)
    async with running_system(env, sim, settings) as value:
        yield value


@pytest_asyncio.fixture
async def system_without_sync(
    infra: Infra, idp_server: str, namespace: str, sim: Sim, settings: VasSyncSettings
) -> AsyncIterator[System]:
    """Booking in this process; the test runs VAS sync itself (e.g. as a process it can kill)."""
    env = await booking_env(infra, idp_server, namespace)
    async with running_system(env, sim, settings, with_sync=False) as value:
        yield value
