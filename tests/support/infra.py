"""Reaching the real PostgreSQL and RabbitMQ for tests.

Order: URLs from the environment (``TEST_POSTGRES_URL``, ``TEST_AMQP_URL``), then the local
defaults, then testcontainers where a Docker engine answers. When none answers the run
FAILS with a message saying how to start the service — a missing broker or database must
never turn into skipped tests.
"""

import asyncio
import json
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from typing import Any

import aio_pika
import asyncpg
from yarl import URL

from deploy.broker import ANY_NAMESPACE, apply_locally, definitions
from shared.messaging.identities import broker_user, development_password

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_AMQP = "amqp://guest:guest@127.0.0.1:5672/"

HOW_TO_START = {
    "postgres": "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "rabbitmq": "start it with: rabbitmq-server -detached",
}


class ServiceUnavailable(RuntimeError):
    pass


@dataclass
class Infra:
    """Admin URLs of the real services plus this run's isolation (vhost, database prefix)."""

    pg_admin_url: str
    amqp_root_url: str
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    vhost: str | None = None
    containers: list[Any] = field(default_factory=list)
    databases: list[str] = field(default_factory=list)

    @property
    def amqp_url(self) -> str:
        """The test's own (administrator) login: for observers and faults, never for a service."""
        if self.vhost is None:
            return self.amqp_root_url
        return str(URL(self.amqp_root_url).with_path("/" + self.vhost, encoded=False))

    def amqp_url_for(self, service: str) -> str:
        """`service`'s own broker login (tidbok-<service>) on this run's vhost."""
        url = URL(self.amqp_url).with_user(broker_user(service)).with_password(development_password(service))
        return str(url)

    def database_url(self, name: str, *, driver: str = "postgresql+asyncpg") -> str:
        url = URL(self.pg_admin_url).with_path(f"/{name}")
        return str(url).replace("postgresql://", f"{driver}://", 1)

    async def create_database(self, purpose: str) -> str:
        name = f"tidbok_t{self.run_id}_{purpose}"
        conn = await asyncpg.connect(self.pg_admin_url, timeout=10)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        self.databases.append(name)
        return name

    async def drop_databases(self) -> None:
        conn = await asyncpg.connect(self.pg_admin_url, timeout=10)
        try:
            for name in self.databases:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()
        self.databases.clear()


async def _pg_answers(url: str) -> str | None:
    try:
        conn = await asyncpg.connect(url, timeout=5)
        await conn.close()
    except Exception as exc:  # noqa: BLE001 - any failure means: not reachable
        return repr(exc)
    return None


async def _amqp_answers(url: str) -> str | None:
    try:
        conn = await aio_pika.connect(url, timeout=5)
        await conn.close()
    except Exception as exc:  # noqa: BLE001
        return repr(exc)
    return None


def _docker_available() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0


def connect_infra() -> Infra:
    pg = os.environ.get("TEST_POSTGRES_URL", DEFAULT_PG)
    amqp = os.environ.get("TEST_AMQP_URL", DEFAULT_AMQP)
    pg_error = asyncio.run(_pg_answers(pg))
    amqp_error = asyncio.run(_amqp_answers(amqp))
    infra = Infra(pg_admin_url=pg, amqp_root_url=amqp)
    if (pg_error or amqp_error) and _docker_available():
        infra = _start_containers(pg_error is not None, amqp_error is not None, infra)
        pg_error = asyncio.run(_pg_answers(infra.pg_admin_url))
        amqp_error = asyncio.run(_amqp_answers(infra.amqp_root_url))
    problems = []
    if pg_error:
        problems.append(f"PostgreSQL is not reachable at {pg} ({pg_error}); {HOW_TO_START['postgres']}")
    if amqp_error:
        problems.append(f"RabbitMQ is not reachable at {amqp} ({amqp_error}); {HOW_TO_START['rabbitmq']}")
    if problems:
        raise ServiceUnavailable("\n".join(problems))
    infra.vhost = _create_vhost(infra.run_id)
    return infra


def _start_containers(need_pg: bool, need_amqp: bool, infra: Infra) -> Infra:
    if need_pg:
        from testcontainers.postgres import PostgresContainer

        pg_container = PostgresContainer("postgres:16-alpine", driver=None)
        pg_container.start()
        infra.containers.append(pg_container)
        infra.pg_admin_url = pg_container.get_connection_url()
    if need_amqp:
        from testcontainers.rabbitmq import RabbitMqContainer

        rabbit = RabbitMqContainer("rabbitmq:3.13-management")
        rabbit.start()
        infra.containers.append(rabbit)
        host, port = rabbit.get_container_host_ip(), rabbit.get_exposed_port(5672)
        infra.amqp_root_url = f"amqp://guest:guest@{host}:{port}/"
        # The services' own logins, in the container's default vhost.
        document = json.dumps(definitions("/", ANY_NAMESPACE))
        rabbit.exec(["sh", "-c", f"printf '%s' '{document}' > /tmp/tidbok.json"])
        rabbit.exec(["rabbitmqctl", "import_definitions", "/tmp/tidbok.json"])
    return infra


def rabbitmqctl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["rabbitmqctl", *args], capture_output=True, text=True, timeout=60, check=False)


def _create_vhost(run_id: str) -> str | None:
    """A vhost of this run's own, so runs can't see each other's queues; without a local
    rabbitmqctl (a container broker) the per-test namespaces still keep names apart."""
    if shutil.which("rabbitmqctl") is None:
        return None
    vhost = f"tidbok_test_{run_id}"
    if rabbitmqctl("add_vhost", vhost).returncode != 0:
        return None
    user = URL(os.environ.get("TEST_AMQP_URL", DEFAULT_AMQP)).user or "guest"
    rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")
    # Every service logs in as itself, with its least-privilege permissions, as in production.
    error = apply_locally(vhost, ANY_NAMESPACE)
    if error:
        raise ServiceUnavailable(f"could not create the services' broker users: {error}")
    return vhost


def close_connections(infra: Infra, reason: str = "test: forced close") -> None:
    """Force-close every broker connection of this run (the reliability tests' fault)."""
    args = ["close_all_connections"]
    if infra.vhost:
        args += ["--vhost", infra.vhost, "--limit", "10000"]
    result = rabbitmqctl(*args, reason)
    if result.returncode != 0:
        raise RuntimeError(f"rabbitmqctl close_all_connections failed: {result.stderr}")


def delete_idle_queues(infra: Infra) -> int:
    """Delete this run's queues that nobody consumes any more.

    Every test declares its own quorum queues (a Raft group each); left until the end of the run
    they pile up to hundreds on one node, and the broker was seen to stall for minutes with ~300
    of them on these two cores. Tests are done with their queues when their module ends.
    """
    if not infra.vhost:
        return 0
    listed = rabbitmqctl("list_queues", "-q", "--no-table-headers", "-p", infra.vhost, "name", "consumers")
    idle = [
        fields[0]
        for line in listed.stdout.splitlines()
        if len(fields := line.split("\t")) == 2 and fields[1].strip() == "0"
    ]
    if idle:
        asyncio.run(_delete_queues(infra.amqp_url, idle))
    return len(idle)


async def _delete_queues(amqp_url: str, names: list[str]) -> None:
    connection = await aio_pika.connect(amqp_url)
    try:
        channel = await connection.channel()
        for name in names:
            await channel.queue_delete(name)
    finally:
        await connection.close()


def teardown_infra(infra: Infra) -> None:
    asyncio.run(infra.drop_databases())
    if infra.vhost:
        rabbitmqctl("delete_vhost", infra.vhost)
    for container in infra.containers:
        container.stop()
