"""A half-open connection: the network between service and broker goes silent without closing
anything (a dead peer, a NAT table that forgot us). Only heartbeats notice. The consumer and the
publisher must give the dead connections up, /readyz must say so, and once the network is back
every message arrives exactly once."""

import asyncio
import time

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine
from yarl import URL

from shared.db import make_sessionmaker
from shared.health import database_check, health_router
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_many_to_outbox
from shared.messaging.runtime import Messaging
from shared.settings import ServiceSettings
from tests.support.infra import Infra
from tests.support.proxy import HalfOpenProxy
from tests.support.toolkit.effects import ThingHappened, count_effects, effect_recorder, new_key
from tests.support.waiting import wait_for

EVENTS = 1_200
HEARTBEAT_S = 2
PARTITION_S = 8


async def test_a_silent_network_is_noticed_by_heartbeats_and_nothing_is_lost(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine]
) -> None:
    url, engine = messaging_db
    broker = URL(infra.amqp_url)
    proxy = HalfOpenProxy(broker.host or "127.0.0.1", broker.port or 5672)
    port = await proxy.start()
    settings = ServiceSettings(
        database_url=url,
        amqp_url=str(broker.with_port(port)),
        namespace=namespace,
        retry_delays_s=(1, 2),
        heartbeat_s=HEARTBEAT_S,
        outbox_poll_interval_s=0.2,
    )
    messaging = Messaging(
        owners=None, settings=settings, service="svc", engine=engine, sessionmaker=make_sessionmaker(engine)
    )
    messaging.consumer("things", {ThingHappened: effect_recorder("main")}, batch_size=8)
    app = FastAPI()
    app.include_router(health_router([database_check(engine), *messaging.readiness_checks()]))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc")
    await messaging.start()
    try:
        await wait_for(lambda: _status_is(client, 200), timeout=30)
        keys = [new_key() for _ in range(EVENTS)]

        async def stream() -> None:
            for start in range(0, EVENTS, 20):
                async with engine.begin() as conn:
                    envelopes = [Envelope.wrap(ThingHappened(key=k)) for k in keys[start : start + 20]]
                    await add_many_to_outbox(conn, envelopes, namespace=namespace)
                await asyncio.sleep(0.02)

        streaming = asyncio.create_task(stream())
        await wait_for(lambda: _effects_at_least(engine, 200), timeout=30)
        connects_before = messaging.host.connects if messaging.host else 0
        proxy.partition()
        cut_at = time.monotonic()
        await wait_for(lambda: _status_is(client, 503), timeout=6 * HEARTBEAT_S + 10, interval=0.1)
        noticed_s = time.monotonic() - cut_at
        await asyncio.sleep(max(0.0, PARTITION_S - noticed_s))
        proxy.heal()
        healed_at = time.monotonic()
        await wait_for(lambda: _status_is(client, 200), timeout=30, interval=0.1)
        back_s = time.monotonic() - healed_at
        await streaming

        async def all_handled() -> bool:
            _, distinct, _ = await count_effects(engine)
            return distinct == EVENTS

        await wait_for(all_handled, timeout=90, interval=0.2)
        rows, distinct, doubled = await count_effects(engine)
        assert messaging.host is not None
        print(
            f"\nhalf-open: noticed after {noticed_s:.1f} s (heartbeat {HEARTBEAT_S} s), consumers back "
            f"{back_s:.1f} s after the network; accepted={EVENTS} delivered={distinct} lost={EVENTS - distinct} "
            f"duplicated={doubled}"
        )
        assert (rows, distinct, doubled) == (EVENTS, EVENTS, 0)
        assert noticed_s < 6 * HEARTBEAT_S + 5
        assert back_s < 30
        assert messaging.host.connects > connects_before
    finally:
        await client.aclose()
        await messaging.stop()
        await proxy.close()


async def _status_is(client: httpx.AsyncClient, status: int) -> bool:
    return (await client.get("/readyz")).status_code == status


async def _effects_at_least(engine: AsyncEngine, n: int) -> bool:
    rows, _, _ = await count_effects(engine)
    return rows >= n
