"""Failed messages in the console: grouped by cause, shown with personnummer masked, retried or
discarded by the group or one by one (a retry keeps the message id: one effect), every action
audited."""

import re
from typing import Any

import aio_pika
import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.broker import queue_counts, settled
from tests.support.idp import staff_headers
from tests.support.infra import Infra
from tests.support.toolkit.effects import count_effects
from tests.support.toolkit.parked import two_parked
from tests.support.waiting import wait_for

OPS = staff_headers("operations", hsa_id="SE2321000115-E9001")
PNR = "19121212-1212"
# The personnummer in any form a text may hold it (with or without the century, the dash).
PNR_FORMS = re.compile(r"(19)?121212[-+]?1212")
ERROR = f"VAS answered 422 for {PNR}: unknown clinic SE2321000115-O10001"


async def _groups(http: httpx.AsyncClient, count: int) -> list[dict[str, Any]]:
    """The groups, once the broker's figures (sampled every few seconds) show `count` parked."""

    async def ready() -> list[dict[str, Any]]:
        groups: list[dict[str, Any]] = (await http.get("/api/failed", headers=OPS)).json()["groups"]
        return groups if sum(g["count"] for g in groups) == count else []

    return await wait_for(ready, timeout=30, interval=0.5)


async def test_a_group_is_shown_masked_and_retried_with_one_effect_each_and_audited(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], http: httpx.AsyncClient
) -> None:
    url, engine = messaging_db
    async with two_parked(infra, namespace, url, engine, ERROR, senders_checked=True) as parked:
        [group] = await _groups(http, 2)
        assert group["count"] == 2
        assert group["consumer"] == parked.consumer.topology.queue
        assert group["message_type"] == parked.keep.type
        seen: list[object] = [group]
        opened = (await http.get(f"/api/failed/{group['key']}", headers=OPS)).json()
        assert {m["message_id"] for m in opened["messages"]} == {str(parked.keep.id), str(parked.drop.id)}
        one = (await http.get(f"/api/messages/{parked.keep.id}", headers=OPS)).json()
        assert one["attempts"] >= 1 and one["reason"] == "permanent"
        assert "19121212-****" in one["error"]
        assert "19121212-****" in one["headers"]["x-last-error"]  # headers shown, masked too
        assert one["body"]["payload"]["key"] == parked.keep.payload["key"]
        seen += [opened, one]
        page = await http.get("/failed", headers=OPS)
        assert page.status_code == 200 and group["key"] in page.text
        seen.append(page.text)
        for answer in seen:
            assert not PNR_FORMS.search(str(answer)), answer

        parked.fix()
        retried = await http.post(f"/api/failed/{group['key']}/retry", headers=OPS)
        assert retried.json() == {"action": "retry", "count": 2}

        async def both_applied() -> bool:
            return (await count_effects(engine))[0] == 2

        await wait_for(both_applied, timeout=30)
        # The retry kept the ids: the same message once more is no second effect.
        await parked.publisher.publish_message(
            aio_pika.Message(parked.keep.to_json(), message_id=str(parked.keep.id), type=parked.keep.type),
            exchange="",
            routing_key=parked.consumer.topology.queue,
        )
        await wait_for(lambda: settled(infra.amqp_url, parked.consumer), timeout=30, interval=0.3)
        assert await count_effects(engine) == (2, 2, 0)
        assert (await queue_counts(infra.amqp_url, parked.consumer.topology.parking))[0] == 0

    [action] = (await http.get("/api/audit", headers=OPS)).json()["actions"]
    assert (action["actor_id"], action["action"], action["count"]) == ("SE2321000115-E9001", "replay", 2)
    assert action["target"] == f"group:{group['key']}"


async def test_one_message_and_a_whole_group_are_discarded_and_audited(
    infra: Infra, namespace: str, messaging_db: tuple[str, AsyncEngine], http: httpx.AsyncClient
) -> None:
    url, engine = messaging_db
    async with two_parked(infra, namespace, url, engine, ERROR, senders_checked=True) as parked:
        [group] = await _groups(http, 2)
        gone = await http.post(f"/api/messages/{parked.drop.id}/discard", headers=OPS)
        assert gone.json() == {"action": "discard", "count": 1}
        [group] = await _groups(http, 1)
        assert (await http.post(f"/api/failed/{group['key']}/discard", headers=OPS)).json()["count"] == 1
        assert (await queue_counts(infra.amqp_url, parked.consumer.topology.parking))[0] == 0
        assert await count_effects(engine) == (0, 0, 0)
        again = await http.post(f"/api/failed/{group['key']}/discard", headers=OPS)
        assert again.status_code == 404 and again.headers["content-type"].startswith("application/problem+json")
    actions = (await http.get("/api/audit", headers=OPS)).json()["actions"]
    assert [(a["action"], a["target"].split(":")[0], a["count"]) for a in actions] == [
        ("discard", "group", 1),
        ("discard", "message", 1),
    ]
