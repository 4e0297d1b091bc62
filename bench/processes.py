"""Starting services as separate processes for benchmarks (so the load generator does not
share their event loop), and waiting until they answer."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aio_pika
import aiohttp


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def process(
    module: str, *, env: dict[str, str], port: int, ready_path: str = "/livez", timeout_s: float = 60
) -> AsyncIterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(  # noqa: ASYNC220 - a quick fork before the benchmark starts
        [sys.executable, "-m", module],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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


def rss_mb(pid: int) -> float:
    """Resident set size of a process, in MB (from /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


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
