"""uvicorn's HTTP protocol with bounds on the request head, and no connection kept for the rest of
a body nobody reads.

- A deadline: uvicorn times out an idle keep-alive connection but not one that opens and then
  sends its headers slowly (slowloris): each such connection would stay open for as long as the
  client likes. Here a connection whose request line and headers are not complete within
  `header_timeout_s` of the connection (or of the previous response) is closed.
- A size: httptools keeps a head in memory until it ends, whatever its length (a 50 MB header was
  answered 200). A head longer than `max_head_bytes` is answered 431 and the connection closed.
- A request the parser cannot read is answered with problem+json (400 `MALFORMED_REQUEST`), not
  uvicorn's plain text.
- An answer given before the request's body has arrived in full — a refused login, a body too
  large by its Content-Length, a path with control characters — closes the connection (after a
  second in which what still comes is dropped unread, so that the client gets the answer rather
  than a reset): the rest of the body would otherwise be read and dropped byte by byte, each byte
  putting off the keep-alive timeout, for as long as a client cares to trickle it.
"""

import asyncio
import http
import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from shared.errors import CommonCode
from shared.problems import PROBLEM_JSON, Problem

# As nginx allows by default (four buffers of 8 KB): room for a long token and query string.
MAX_HEAD_BYTES = 32 * 1024
# How long a connection answered early is kept to read (and drop) what the client still sends:
# closed at once, with its bytes unread, it would be reset, and the client might lose the answer.
LINGER_S = 1.0


class HeaderDeadlineProtocol(HttpToolsProtocol):
    header_timeout_s: float = 10.0
    max_head_bytes: int = MAX_HEAD_BYTES

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._reading_head, self._head_bytes, self._head_too_large, self._lingering = True, 0, False, False
        self._head_deadline: asyncio.TimerHandle | None = self.loop.call_later(
            self.header_timeout_s, self._head_too_slow
        )

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            return  # answered; closing in a moment
        if self._reading_head:
            self._head_bytes += len(data)
        super().data_received(data)
        # Counted per chunk, checked after the parser has seen it: a head that ends within the
        # chunk is not charged for the body that follows it.
        if self._reading_head and self._head_bytes > self.max_head_bytes and not self.transport.is_closing():
            self._head_too_large = True
            self.send_400_response("head too large")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if getattr(self, "_head_deadline", None) is None:
            self._head_deadline = self.loop.call_later(self.header_timeout_s, self._head_too_slow)

    def on_headers_complete(self) -> None:
        self._cancel_head_deadline()
        self._reading_head, self._head_bytes = False, 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._reading_head = True  # the next request's head, on a kept-alive connection

    def on_response_complete(self) -> None:
        cycle = self.cycle
        early = cycle is not None and cycle.response_complete and cycle.more_body
        super().on_response_complete()
        if early and not self.transport.is_closing():
            self._linger()  # answered before its body arrived in full: see the module's text

    def send_400_response(self, msg: str) -> None:
        """The parser's refusal (uvicorn's is plain text), or the head's size, as problem+json."""
        code = CommonCode.HEADERS_TOO_LARGE if self._head_too_large else CommonCode.MALFORMED_REQUEST
        problem = Problem.of(code)
        body = json.dumps(problem.body()).encode()
        head = (
            f"HTTP/1.1 {problem.status} {http.HTTPStatus(problem.status).phrase}\r\n"
            f"content-type: {PROBLEM_JSON}\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n"
        )
        self.transport.write(head.encode() + body)
        self._linger()

    def _linger(self) -> None:
        """Close in `LINGER_S`, reading nothing more meanwhile (nor serving another request)."""
        self._lingering = True
        self._cancel_head_deadline()
        if self.timeout_keep_alive_task is not None:
            self.timeout_keep_alive_task.cancel()
            self.timeout_keep_alive_task = None
        self.loop.call_later(LINGER_S, self.transport.close)

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
