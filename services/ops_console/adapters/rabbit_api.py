"""RabbitMQ's management HTTP API (rabbitmq_management), read as operations staff's login
(the "monitoring" tag): every queue of the vhost with its counts and rates."""

from typing import Any
from urllib.parse import quote

import httpx

from services.ops_console.domain.queues import QueueStats

_COLUMNS = ",".join(
    [
        "name",
        "messages_ready",
        "messages_unacknowledged",
        "consumers",
        "message_stats.publish_details.rate",
        "message_stats.deliver_get_details.rate",
        "message_stats.ack_details.rate",
    ]
)


class BrokerUnavailable(Exception):
    pass


class RabbitApi:
    def __init__(self, base_url: str, *, user: str, password: str, vhost: str, timeout_s: float) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, auth=(user, password), timeout=timeout_s)
        self._vhost = quote(vhost, safe="")

    async def queues(self, prefix: str) -> list[QueueStats]:
        try:
            answer = await self._http.get(
                f"/api/queues/{self._vhost}",
                params={"columns": _COLUMNS, "name": f"^{prefix}\\.", "use_regex": "true", "page": 1, "page_size": 500},
            )
            answer.raise_for_status()
            items = answer.json()["items"]
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            raise BrokerUnavailable(f"RabbitMQ management API: {type(exc).__name__}") from None
        return [_stats(item) for item in items]

    async def close(self) -> None:
        await self._http.aclose()


def _stats(item: dict[str, Any]) -> QueueStats:
    rates = item.get("message_stats") or {}

    def rate(name: str) -> float:
        return float((rates.get(f"{name}_details") or {}).get("rate", 0.0))

    return QueueStats(
        name=str(item["name"]),
        ready=int(item.get("messages_ready") or 0),
        unacked=int(item.get("messages_unacknowledged") or 0),
        consumers=int(item.get("consumers") or 0),
        publish_rate=rate("publish"),
        deliver_rate=rate("deliver_get"),
        ack_rate=rate("ack"),
    )
