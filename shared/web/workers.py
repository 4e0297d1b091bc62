"""Several worker processes behind one listening socket (`<SERVICE>_WORKERS`, default 1).

Each worker is a whole replica of the service in a process of its own: its own database pool,
outbox relay, consumers, caches and per-identity limits, as if it ran on another machine — which
every part of a service already allows: relays claim outbox rows with SKIP LOCKED, consumers
share their queues and drop duplicates through the inbox, a replica's hot path wakes its own relay
and the others' relays poll. One event loop per process is what bounds a service's throughput on
a machine with cores to spare (docs/benchmarks.md, "Performance round two, step 2").

The parent binds the socket once, forks the workers (before any event loop or thread exists),
forwards SIGTERM, and when one worker ends stops the others and exits with that worker's status:
the orchestrator restarts the whole unit, as it would one process. Per-identity rate limits
count per worker, like per replica.

Metrics: with a metrics port, worker i serves its own on metrics_port + i (scrape each, like
separate replicas); without one, /metrics on the API port answers for whichever worker took the
connection.
"""

import contextlib
import os
import signal
import socket
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

from shared.logging import get_logger
from shared.settings import ServiceSettings

log = get_logger(__name__)

S = TypeVar("S", bound=ServiceSettings)

_listening: list[socket.socket] = []


def each_socket() -> list[socket.socket]:
    """The listening socket a worker serves on (bound by the parent before the fork)."""
    return list(_listening)


def worker_settings(settings: S, index: int) -> S:
    """Worker `index`'s settings: its own metrics port, if the service has one."""
    port = None if settings.metrics_port is None else settings.metrics_port + index
    return settings.model_copy(update={"metrics_port": port, "workers": 1})


def serve_workers(serve_one: Callable[[S], None], settings: S) -> int:
    """Bind, fork `settings.workers` workers each running `serve_one`, and supervise them;
    returns the exit status for the parent."""
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    _listening.append(socket.create_server((settings.host, settings.port), family=family, backlog=2048))
    children: dict[int, int] = {}
    for index in range(settings.workers):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child (tests/toolkit/test_workers.py)
            status = 1
            try:
                serve_one(worker_settings(settings, index))
                status = 0
            except BaseException as exc:  # noqa: BLE001 - reported, then the parent stops the rest
                log.error("worker_failed", worker=index, error=repr(exc))
            finally:
                os._exit(status)
        children[pid] = index
    log.info("workers_started", workers=settings.workers, port=settings.port)

    stopped: list[int] = []

    def forward(signum: int, _: FrameType | None) -> None:
        stopped.append(signum)
        for child in children:
            _kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    # Ctrl-C reaches every worker from the terminal itself; the parent only waits for them.
    signal.signal(signal.SIGINT, lambda *_: None)
    pid, raw = os.wait()
    status = os.waitstatus_to_exitcode(raw)
    log.info("worker_ended", worker=children.pop(pid), status=status)
    for child in children:
        _kill(child, signal.SIGTERM)
    for child in list(children):
        os.waitpid(child, 0)
    if stopped:
        # As one process would end after its graceful shutdown (uvicorn re-raises the signal).
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)
    return status if status >= 0 else 128 - status


def _kill(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)
