"""The console's command line: the same groups, the same masking, the same audited actions."""

import json

from sqlalchemy.ext.asyncio import AsyncEngine

from services.ops_console.cli import build, parser, run
from services.ops_console.settings import OpsConsoleSettings
from tests.support.broker import queue_counts
from tests.support.infra import Infra
from tests.support.toolkit.parked import two_parked
from tests.support.waiting import wait_for

ERROR = "VAS answered 422 for 19121212-1212: unknown clinic"


async def test_groups_show_and_discard_from_the_command_line(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], console_settings: OpsConsoleSettings
) -> None:
    url, engine = messaging_db
    console = build(console_settings)
    try:
        async with two_parked(infra, namespace, url, engine, ERROR, senders_checked=True) as parked:

            async def listed() -> list[str]:
                code, lines = await run(parser().parse_args(["groups"]), console)
                assert code == 0
                return lines if lines and lines[-1].startswith("1 group") else []

            [group, _] = await wait_for(listed, timeout=30, interval=0.5)
            key = group.split()[0]
            assert "2" in group.split() and "19121212-1212" not in group
            code, [shown] = await run(parser().parse_args(["show", key]), console)
            assert code == 0 and json.loads(shown)["count"] == 2 and "1212-1212" not in shown
            code, [done] = await run(parser().parse_args(["discard", key, "--as", "SE2321000115-E9001"]), console)
            assert (code, done) == (0, "discard: 2")
            assert (await queue_counts(infra.amqp_url, parked.consumer.topology.parking))[0] == 0
            code, [gone] = await run(parser().parse_args(["retry", key, "--as", "SE2321000115-E9001"]), console)
            assert code == 1 and "Not found" in gone
        [action] = await console.store.audited()
        assert (action["actor_id"], action["action"], action["count"]) == ("SE2321000115-E9001", "discard", 2)
    finally:
        await console.broker.close()
        await console.http.aclose()
        await console.store.engine.dispose()
