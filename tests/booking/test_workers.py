"""BOOKING_WORKERS=2: two worker processes behind one port, each a replica of its own (pool,
relay, consumers). Every booking is answered once and stored once, every event it staged is
published by a relay, each worker serves its own metrics, and SIGTERM stops them all."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa

from bench.processes import children
from services.booking.adapters.tables import appointments
from shared.messaging.tables import outbox
from tests.support.booking import Api, BookingEnv, bind_vas_standin
from tests.support.booking.helpers import NURSE_CONDITIONS
from tests.support.infra import Infra
from tests.support.servers import free_port
from tests.support.vas_sync.process import _env
from tests.support.waiting import wait_for

BOOKINGS = 40


def _two_free_ports() -> int:
    """A free port whose next one is free too (worker i serves its metrics on metrics_port + i)."""
    for _ in range(200):
        first = free_port()
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", first + 1))
            except OSError:
                continue
        return first
    raise RuntimeError("no two consecutive free ports")


async def _admitted(client: httpx.AsyncClient, port: int) -> float:
    text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith('tidbok_http_admission_wait_seconds_count{service="booking"}')
    )


async def test_two_workers_book_once_publish_everything_and_stop_together(
    api: Api, booking_env: BookingEnv, infra: Infra, tmp_path: Path
) -> None:
    # The events need a queue to go to (an earlier test playing VAS sync may have taken the stand-in's).
    await bind_vas_standin(infra.amqp_url, booking_env.settings.namespace)
    metrics = _two_free_ports()
    port = free_port()
    while port in (metrics, metrics + 1):
        port = free_port()
    settings = booking_env.settings
    env = {
        **os.environ,
        **{f"BOOKING_{k.upper()}": _env(v) for k, v in settings.model_dump().items() if v is not None},
        "TIDBOK_ENVIRONMENT": settings.environment,
        "BOOKING_PORT": str(port),
        "BOOKING_METRICS_PORT": str(metrics),
        "BOOKING_WORKERS": "2",
        "BOOKING_LOG_LEVEL": "WARNING",
    }
    env.pop("BOOKING_ENVIRONMENT", None)
    log = tmp_path / "booking.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(  # noqa: ASYNC220 - a quick fork
            [sys.executable, "-m", "services.booking"], env=env, stdout=out, stderr=out, start_new_session=True
        )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:

            async def ready() -> bool:
                assert proc.poll() is None, log.read_text()
                try:
                    return (await client.get("/readyz")).status_code == 200
                except httpx.TransportError:
                    return False

            await wait_for(ready, timeout=60, interval=0.1)
            assert len(children(proc.pid)) == 2

            slots = await api.new_slots(BOOKINGS, gap_min=30)
            people = [await api.resident() for _ in range(BOOKINGS)]

            async def book(i: int) -> httpx.Response:
                _, headers = people[i]
                return await client.post(
                    "/v1/appointments",
                    json={"slot_id": slots[i], "confirmed_conditions": NURSE_CONDITIONS},
                    headers={**headers, "Idempotency-Key": str(uuid.uuid4())},
                )

            answers = await asyncio.gather(*(book(i) for i in range(BOOKINGS)))
            assert [a.status_code for a in answers] == [201] * BOOKINGS, [
                a.text for a in answers if a.status_code != 201
            ]
            ids = [uuid.UUID(a.json()["id"]) for a in answers]
            async with api.engine.connect() as conn:
                stored = await conn.scalar(
                    sa.select(sa.func.count()).select_from(appointments).where(appointments.c.id.in_(ids))
                )
            assert stored == BOOKINGS

            mine = sa.or_(*(outbox.c.body.contains(str(i).encode()) for i in ids))

            async def all_published() -> bool:
                """Every one of these bookings' events (other tests' rows in the shared database
                may wait for a broker that refused them: not counted)."""
                async with api.engine.connect() as conn:
                    published = await conn.scalar(
                        sa.select(sa.func.count())
                        .select_from(outbox)
                        .where(
                            mine, outbox.c.published_at.is_not(None), outbox.c.message_type == "appointment.requested"
                        )
                    )
                return bool(published == BOOKINGS)

            await wait_for(all_published, timeout=30, interval=0.1)
            # Each worker serves its own metrics; together they admitted every booking.
            counts = [await _admitted(client, metrics), await _admitted(client, metrics + 1)]
            assert sum(counts) >= BOOKINGS, counts
        proc.send_signal(signal.SIGTERM)
        # Ended by the SIGTERM after a graceful shutdown, as a single process is.
        assert proc.wait(timeout=20) in (0, -signal.SIGTERM), log.read_text()
        assert children(proc.pid) == []
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
