"""A TCP proxy in front of the broker that can cut the network without closing anything: the
half-open connection a dead peer, a NAT timeout or a yanked cable leaves behind. Only heartbeats
can notice it."""

import asyncio
import contextlib
from dataclasses import dataclass, field


@dataclass(eq=False)
class _Link:
    frozen: bool = False
    writers: list[asyncio.StreamWriter] = field(default_factory=list)


class HalfOpenProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._server: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.partitioned = False
        self.accepted = 0

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    def partition(self) -> None:
        """From now on nothing gets through, on open connections or new ones; nothing is closed."""
        self.partitioned = True
        for link in self._links:
            link.frozen = True

    def heal(self) -> None:
        """New connections work again. The ones open during the partition stay dead but open, as
        a half-open connection does, until their owner gives up on them."""
        self.partitioned = False

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for link in self._links:
            for writer in link.writers:
                writer.close()
        for task in self._tasks:
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        link = _Link(frozen=self.partitioned, writers=[client_writer])
        self._links.add(link)
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self._target)
        except OSError:
            client_writer.close()
            return
        link.writers.append(upstream_writer)
        pumps = [
            asyncio.create_task(self._pump(link, client_reader, upstream_writer, to_client=False)),
            asyncio.create_task(self._pump(link, upstream_reader, client_writer, to_client=True)),
        ]
        self._tasks.update(pumps)
        # Stay in the handler while the link lives: asyncio closes a connection whose handler returned.
        await asyncio.gather(*pumps, return_exceptions=True)
        self._tasks.difference_update(pumps)

    @staticmethod
    async def _pump(link: _Link, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, to_client: bool) -> None:
        try:
            while data := await reader.read(65536):
                if link.frozen:
                    continue  # lost on the way: the sender never hears of it
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        # The far end went away. A frozen link tells the client nothing (that is the half-open
        # part); otherwise pass the close on.
        if not (link.frozen and to_client):
            writer.close()
