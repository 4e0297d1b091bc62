"""VAS sync as a separate process, so a test can SIGKILL it mid-work and start it again."""

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from services.vas_sync.settings import VasSyncSettings
from tests.support.servers import free_port


class SyncProcess:
    def __init__(self, settings: VasSyncSettings, log: Path) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            **{
                f"VAS_SYNC_{k.upper()}": _env(v)
                for k, v in settings.model_dump().items()
                if v is not None and k != "environment"
            },
            "TIDBOK_ENVIRONMENT": settings.environment,
            "VAS_SYNC_PORT": str(self.port),
            "VAS_SYNC_LOG_LEVEL": "WARNING",
        }
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None
        self.kills = 0

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(  # noqa: ASYNC220 - a quick fork
                [sys.executable, "-m", "services.vas_sync"],
                env=self.env,
                stdout=out,
                stderr=out,
                start_new_session=True,
            )
        async with httpx.AsyncClient() as client:
            for _ in range(300):
                if self.proc.poll() is not None:
                    raise RuntimeError(f"vas_sync exited with {self.proc.returncode}; see {self.log}")
                try:
                    if (await client.get(f"http://127.0.0.1:{self.port}/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError("vas_sync did not get ready")

    def kill(self) -> None:
        """SIGKILL: no shutdown, open transactions and unacked deliveries just vanish."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.kills += 1

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def _env(value: object) -> str:
    """As pydantic-settings reads it: lists and mappings as JSON."""
    if isinstance(value, tuple | list | dict):
        return json.dumps(value)
    return str(value)
