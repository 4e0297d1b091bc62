"""Outbox: 5,000 events written under concurrent transactions, two relays at once, one of them
SIGKILLed mid-batch -> every event published and handled; none lost; duplicates only where the
inbox absorbed them (counted)."""

import asyncio
import os
import signal
import sys
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.db import make_sessionmaker
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox
from shared.messaging.relay import mark_sent
from shared.messaging.runtime import Messaging
from shared.messaging.tables import inbox, outbox
from shared.metrics import CONSUMED
from shared.settings import ServiceSettings
from tests.support.broker import settled
from tests.support.infra import Infra
from tests.support.toolkit.effects import ThingHappened, count_effects, new_key, record_effect
from tests.support.waiting import wait_for

EVENTS = 5_000
WRITERS = 20
PER_TRANSACTION = 5


async def _spawn_relay(url: str, infra: Infra, namespace: str, linger_s: float) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.toolkit.relay_proc",
        url,
        infra.amqp_url,
        namespace,
        "50",
        str(linger_s),
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    assert (await process.stdout.readline()).startswith(b"relay-started")
    return process


async def test_two_relays_one_killed_mid_batch(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    settings = ServiceSettings(database_url=url, amqp_url=infra.amqp_url, namespace=namespace, retry_delays_s=(1, 2))
    sessionmaker = make_sessionmaker(engine)
    # The consumer side: inbox + effect, in-process; the relays run as separate processes.
    messaging = Messaging(
        owners=None, settings=settings, service="svc", engine=engine, sessionmaker=sessionmaker, run_relay=False
    )
    consumer = messaging.consumer("things", {ThingHappened: record_effect})
    duplicates_before = CONSUMED.labels(consumer.name, "duplicate")._value.get()
    await messaging.start()
    assert messaging.host is not None
    host = messaging.host

    async def attached() -> bool:
        return host.ready

    await wait_for(attached)
    keys = [new_key() for _ in range(EVENTS)]

    async def writer(chunk: list[str]) -> None:
        for start in range(0, len(chunk), PER_TRANSACTION):
            async with sessionmaker() as session, session.begin():
                for key in chunk[start : start + PER_TRANSACTION]:
                    await add_to_outbox(session, Envelope.wrap(ThingHappened(key=key)), namespace=namespace)

    # Relay 0 lingers after each confirm, so the kill lands between "published" and "marked sent".
    relays = [await _spawn_relay(url, infra, namespace, linger) for linger in (0.05, 0.0)]
    try:
        writing = asyncio.gather(*(writer(keys[i::WRITERS]) for i in range(WRITERS)))

        async def relay0_mid_batch() -> bool:
            # The relay holds its claimed rows in an open transaction while it publishes.
            async with engine.connect() as conn:
                done = await conn.scalar(sa.select(sa.func.count()).where(outbox.c.published_at.is_not(None)))
                busy = await conn.scalar(
                    sa.text(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"
                        " AND state = 'idle in transaction'"
                    ),
                    {"name": f"relay-proc-{relays[0].pid}"},
                )
            return (done or 0) > EVENTS // 5 and (busy or 0) > 0

        await wait_for(relay0_mid_batch, timeout=60, interval=0.005)
        os.kill(relays[0].pid, signal.SIGKILL)
        await relays[0].wait()
        await writing

        async def all_handled() -> bool:
            _, distinct, _ = await count_effects(engine)
            return distinct == EVENTS

        await wait_for(all_handled, timeout=120, interval=0.2)
        await wait_for(lambda: settled(infra.amqp_url, consumer), timeout=30, interval=0.3)
        async with engine.connect() as conn:
            pending = await conn.scalar(sa.select(sa.func.count()).where(outbox.c.published_at.is_(None)))
            inbox_rows = await conn.scalar(sa.select(sa.func.count()).select_from(inbox))
        rows, distinct, doubled = await count_effects(engine)
        duplicates = CONSUMED.labels(consumer.name, "duplicate")._value.get() - duplicates_before
        print(
            f"\noutbox: written={EVENTS} pending={pending} handled={distinct} effect_rows={rows} "
            f"double_effects={doubled} inbox_absorbed_duplicates={int(duplicates)}"
        )
        assert pending == 0
        assert inbox_rows == EVENTS
        assert (rows, distinct, doubled) == (EVENTS, EVENTS, 0), "lost or doubled effects"
    finally:
        for process in relays:
            if process.returncode is None:
                process.kill()
                await process.wait()
        await messaging.stop()


def test_the_rows_marked_sent_with_commit_are_named_by_uuid_text_only() -> None:
    ids = [uuid.uuid4(), uuid.uuid4()]
    assert f"ANY('{{{ids[0]},{ids[1]}}}'::uuid[])" in mark_sent(ids)
    with pytest.raises(ValueError, match="badly formed"):
        mark_sent([ids[0], "x}'::uuid[]); DROP TABLE outbox; --"])  # type: ignore[list-item]
