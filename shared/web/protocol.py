"""uvicorn's HTTP protocol with a deadline for the request head.

uvicorn times out an idle keep-alive connection but not one that opens and then sends its headers
slowly (slowloris): each such connection would stay open for as long as the client likes. Here a
connection whose request line and headers are not complete within `header_timeout_s` of the
connection (or of the previous response) is closed.
"""

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeaderDeadlineProtocol(HttpToolsProtocol):
    header_timeout_s: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_deadline: asyncio.TimerHandle | None = self.loop.call_later(
            self.header_timeout_s, self._head_too_slow
        )

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if getattr(self, "_head_deadline", None) is None:
            self._head_deadline = self.loop.call_later(self.header_timeout_s, self._head_too_slow)

    def on_headers_complete(self) -> None:
        self._cancel_head_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def _cancel_head_deadline(self) -> None:
        deadline = getattr(self, "_head_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._head_deadline = None

    def _head_too_slow(self) -> None:
        if self.cycle is not None and not self.cycle.response_complete:
            # The previous request is still being answered (a pipelined head waits behind it):
            # the next head's time starts counting again from now.
            self._head_deadline = self.loop.call_later(self.header_timeout_s, self._head_too_slow)
            return
        self._head_deadline = None
        self.transport.close()


def with_header_timeout(seconds: float) -> type[HeaderDeadlineProtocol]:
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout_s": seconds})
