"""The parking queues, read and acted on through `shared.messaging.parking` (a replay keeps the
message id, so the consumer's inbox still gives one effect)."""

from collections.abc import Callable

from services.ops_console.domain.failures import Failed
from shared.messaging.parking import ParkedMessage, ParkingLot


class Parked:
    def __init__(self, amqp_url: str, *, read_limit: int) -> None:
        self._url = amqp_url
        self._limit = read_limit

    def _lot(self, queue: str) -> ParkingLot:
        return ParkingLot(self._url, queue=queue, parking=f"{queue}.parking")

    async def read(self, queues: list[str]) -> list[Failed]:
        """The parked messages of each consumer queue named (those whose parking holds any)."""
        found = []
        for queue in queues:
            found += [Failed(queue, m) for m in await self._lot(queue).peek(limit=self._limit)]
        return found

    async def act(self, queue: str, action: str, chosen: Callable[[ParkedMessage], bool]) -> list[ParkedMessage]:
        """`action` ("replay" or "discard") on the chosen messages of one parking queue."""
        if action not in ("replay", "discard"):
            raise ValueError(action)
        return await self._lot(queue).sweep(lambda m: action if chosen(m) else "keep")
