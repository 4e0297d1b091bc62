"""Say exactly which of PostgreSQL and RabbitMQ is not reachable and how to start it.

On a Debian-based machine where the server is installed but stopped, start it ourselves.
"""

import asyncio
import os
import shutil
import subprocess
import sys
import time

import aio_pika
import asyncpg

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP_URL = os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")


async def _pg() -> str | None:
    try:
        conn = await asyncpg.connect(PG_URL, timeout=5)
        await conn.close()
    except Exception as exc:
        return repr(exc)
    return None


async def _amqp() -> str | None:
    try:
        conn = await aio_pika.connect(AMQP_URL, timeout=5)
        await conn.close()
    except Exception as exc:
        return repr(exc)
    return None


def _start_postgres() -> None:
    if shutil.which("pg_ctlcluster") and os.path.isdir("/etc/postgresql"):
        for version in os.listdir("/etc/postgresql"):
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)


def _start_rabbitmq() -> None:
    if shutil.which("rabbitmq-server"):
        subprocess.run(["rabbitmq-server", "-detached"], check=False)


def _wait(check: "object", seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    error = asyncio.run(check())  # type: ignore[operator]
    while error and time.monotonic() < deadline:
        time.sleep(1)
        error = asyncio.run(check())  # type: ignore[operator]
    return error  # type: ignore[no-any-return]


def main() -> int:
    problems = []
    if asyncio.run(_pg()):
        print("PostgreSQL is not answering; trying to start the local server ...")
        _start_postgres()
        if error := _wait(_pg, 30):
            problems.append(
                f"PostgreSQL is not reachable at {PG_URL}: {error}\n"
                "  start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
            )
    if asyncio.run(_amqp()):
        print("RabbitMQ is not answering; trying to start the local server ...")
        _start_rabbitmq()
        if error := _wait(_amqp, 60):
            problems.append(
                f"RabbitMQ is not reachable at {AMQP_URL}: {error}\n  start it with: rabbitmq-server -detached"
            )
    if not problems:
        problems += _management_plugins()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


# The ops console reads queues through the management HTTP API; Prometheus scrapes the broker's
# own metrics. Both plugins are enabled on a running local broker where they are off.
PLUGINS = ("rabbitmq_management", "rabbitmq_prometheus")


def _management_plugins() -> list[str]:
    tool = shutil.which("rabbitmq-plugins")
    if tool is None:
        return []  # a broker elsewhere (compose, a cluster): its operators enable them
    listed = subprocess.run([tool, "list", "-e", "-m"], capture_output=True, text=True, timeout=60, check=False)
    missing = [p for p in PLUGINS if p not in listed.stdout.split()]
    if not missing:
        return []
    print(f"Enabling RabbitMQ plugins {', '.join(missing)} ...")
    enabled = subprocess.run([tool, "enable", *missing], capture_output=True, text=True, timeout=120, check=False)
    if enabled.returncode != 0:
        names = " ".join(missing)
        return [f"Could not enable {names}: {enabled.stderr.strip()[:300]}\n  run: rabbitmq-plugins enable {names}"]
    return []


if __name__ == "__main__":
    sys.exit(main())
