"""Starting services as separate processes for benchmarks (so the load generator does not
share their event loop), and waiting until they answer."""

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aio_pika
import aiohttp
from yarl import URL

from shared.messaging.identities import broker_user, development_password


def login_as(service: str, amqp_url: str) -> str:
    """`amqp_url` with `service`'s own development login (each service logs in as itself)."""
    return str(URL(amqp_url).with_user(broker_user(service)).with_password(development_password(service)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def process(
    module: str, *, env: dict[str, str], port: int, ready_path: str = "/livez", timeout_s: float = 60
) -> AsyncIterator[subprocess.Popen[bytes]]:
    # BENCH_LOG_DIR=<dir> keeps each process's output (to see why a run went wrong).
    log_dir = os.environ.get("BENCH_LOG_DIR")
    out = open(f"{log_dir}/{module}-{port}.log", "ab") if log_dir else subprocess.DEVNULL  # noqa: SIM115, ASYNC230
    proc = subprocess.Popen(  # noqa: ASYNC220 - a quick fork before the benchmark starts
        [sys.executable, "-m", module],
        env={**os.environ, **env},
        stdout=out,
        stderr=out,
        start_new_session=True,
    )
    try:
        await wait_http(f"http://127.0.0.1:{port}{ready_path}", timeout_s, proc)
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


async def wait_http(url: str, timeout_s: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    async with aiohttp.ClientSession() as session:
        while True:
            if proc is not None and proc.poll() is not None:
                raise RuntimeError(f"{url}: process exited with {proc.returncode}")
            try:
                async with session.get(url, timeout=aiohttp.ClientTimeout(total=2)) as response:
                    if response.status == 200:
                        return
            except (aiohttp.ClientError, TimeoutError):
                pass
            if loop.time() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout_s}s")
            await asyncio.sleep(0.2)


async def delete_queues(amqp_url: str, namespace: str) -> int:
    """Delete every queue of a benchmark's namespace (each is a quorum queue, a Raft group on
    the broker: left behind, they pile up run after run)."""
    listed = await asyncio.to_thread(
        subprocess.run,
        ["rabbitmqctl", "list_queues", "-q", "--no-table-headers", "name"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    names = [n.strip() for n in listed.stdout.splitlines() if n.strip().startswith(f"{namespace}.")]
    if names:
        connection = await aio_pika.connect(amqp_url)
        try:
            channel = await connection.channel()
            for name in names:
                await channel.queue_delete(name)
            await channel.exchange_delete(f"{namespace}.events")
        finally:
            await connection.close()
    return len(names)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds so far of a process and its children (a service's workers), from /proc."""
    return sum(_own_cpu_s(each) for each in (pid, *children(pid)))


def _own_cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # gone meanwhile
    return (int(fields[11]) + int(fields[12])) / TICK


def children(pid: int) -> list[int]:
    """The running processes whose parent is `pid` (/proc)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def postgres_cpu_s() -> float:
    """User + system CPU seconds of every PostgreSQL process now running (/proc): the database's
    share of a run, measured as before-and-after difference (backends are pooled and live on)."""
    total = 0.0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                head, rest = stat.read().rsplit(")", 1)
        except OSError:
            continue  # gone meanwhile
        if head.split("(", 1)[1].startswith("postgres"):
            fields = rest.split()
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def rss_mb(pid: int) -> float | None:
    """Resident set size of a process, from /proc (None once it has gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class RssWatch:
    """Samples the RSS of named processes every `interval_s` while a run goes on."""

    def __init__(self, pids: dict[str, int], interval_s: float = 5.0) -> None:
        self.pids = pids
        self.interval_s = interval_s
        self.samples: dict[str, list[float]] = {name: [] for name in pids}
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            for name, pid in self.pids.items():
                value = rss_mb(pid)
                if value is not None:
                    self.samples[name].append(value)
            await asyncio.sleep(self.interval_s)

    async def __aenter__(self) -> "RssWatch":
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for name, pid in self.pids.items():
            value = rss_mb(pid)
            if value is not None:
                self.samples[name].append(value)

    def summary(self) -> dict[str, dict[str, float]]:
        """Per process: first, max and last RSS (MB), and the minutes covered."""
        return {
            name: {
                "first_mb": round(values[0], 1),
                "max_mb": round(max(values), 1),
                "last_mb": round(values[-1], 1),
                "minutes": round((len(values) - 1) * self.interval_s / 60, 1),
            }
            for name, values in self.samples.items()
            if values
        }
