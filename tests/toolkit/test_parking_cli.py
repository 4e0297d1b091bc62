"""The operators' tool: lists what is parked (no bodies, personnummer masked), replays and discards."""

import asyncio

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.messaging.parking_cli import main
from tests.support.broker import queue_counts
from tests.support.infra import Infra
from tests.support.toolkit.effects import count_effects
from tests.support.toolkit.parked import two_parked
from tests.support.waiting import wait_for


async def test_list_replay_and_discard_from_the_command_line(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = messaging_db
    error = "VAS refused the booking of 19121212-1212: unknown clinic"

    async def cli(*args: str) -> str:
        capsys.readouterr()
        assert await asyncio.to_thread(main, [*args, "--amqp-url", infra.amqp_url]) == 0
        return capsys.readouterr().out

    async with two_parked(infra, namespace, url, engine, error) as parked:
        queue, keep, drop = parked.consumer.topology.queue, parked.keep, parked.drop
        listed = await cli("list")  # found without naming the queue
        assert f"{queue}.parking: 2 message(s)" in listed
        assert str(keep.id) in listed and str(drop.id) in listed
        assert "reason=permanent" in listed and "unknown clinic" in listed
        assert "19121212-****" in listed and "19121212-1212" not in listed
        assert (await queue_counts(infra.amqp_url, f"{queue}.parking"))[0] == 2  # listing took nothing

        parked.fix()
        assert f"discarded 1 message(s)\n  {drop.id}" in await cli("discard", "--queue", queue, "--id", str(drop.id))
        assert f"replayed 1 message(s)\n  {keep.id}" in await cli("replay", "--queue", queue)

        async def one_effect() -> bool:
            return (await count_effects(engine))[0] == 1

        await wait_for(one_effect, timeout=30)
        assert (await queue_counts(infra.amqp_url, f"{queue}.parking"))[0] == 0
        assert f"{queue}.parking" not in await cli("list")
        with pytest.raises(SystemExit, match=r"no such queue: nope\.parking"):
            await asyncio.to_thread(main, ["replay", "--queue", "nope", "--amqp-url", infra.amqp_url])
