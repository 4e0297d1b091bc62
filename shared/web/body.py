"""Request bodies read in full, within a size limit and a deadline, before anything else runs.

A client that sends its headers and then trickles (or never finishes) the body must cost only its
own connection: the body is read here, outside admission control and before any parsing, and a
body not complete within `deadline_s` is answered 408. A body over the limit is answered 413 —
by Content-Length at once, or as soon as the streamed bytes pass it. The app then gets the body in
one piece (an error raised from inside the framework's own body reading would become a 400).
"""

import asyncio
import re
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import CommonCode
from shared.problems import Problem, problem_response


def too_large(max_bytes: int) -> Problem:
    return Problem.of(
        CommonCode.PAYLOAD_TOO_LARGE,
        detail_en=f"The request body is larger than {max_bytes} bytes.",
        detail_sv=f"Förfrågans innehåll är större än {max_bytes} byte.",
    )


def too_slow(deadline_s: float) -> Problem:
    return Problem.of(
        CommonCode.REQUEST_TIMEOUT,
        detail_en=f"The request body did not arrive within {deadline_s:g} s; nothing was done.",
        detail_sv=f"Förfrågans innehåll kom inte fram inom {deadline_s:g} s; ingenting gjordes.",
        headers={"Connection": "close"},
    )


class _Gone(Exception):
    """The client went away before sending the whole body."""


# A body larger than the usual limit (a CSV import) gets the time it needs at this slowest rate.
SLOWEST_UPLOAD_BYTES_PER_S = 256 * 1024


class BodyReader:
    def __init__(
        self, app: ASGIApp, *, max_bytes: int, deadline_s: float, larger: Mapping[str, int] | None = None
    ) -> None:
        """`larger` maps path patterns (regular expressions) to a higher limit, e.g. CSV imports;
        their deadline grows with the limit (at least `SLOWEST_UPLOAD_BYTES_PER_S`)."""
        self.app = app
        self.max_bytes = max_bytes
        self.deadline_s = deadline_s
        self.larger = [(re.compile(pattern), limit) for pattern, limit in (larger or {}).items()]

    def _limits(self, path: str) -> tuple[int, float]:
        """(size limit, deadline) for a request to `path`."""
        limit = next((limit for pattern, limit in self.larger if pattern.search(path)), self.max_bytes)
        if limit == self.max_bytes:
            return limit, self.deadline_s
        return limit, max(self.deadline_s, limit / SLOWEST_UPLOAD_BYTES_PER_S)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, deadline_s = self._limits(scope.get("path", ""))
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await problem_response(too_large(limit))(scope, receive, send)
            return
        try:
            async with asyncio.timeout(deadline_s):
                body = await self._read(receive, limit)
        except TimeoutError:
            await problem_response(too_slow(deadline_s))(scope, receive, send)
            return
        except _Gone:
            return
        if body is None:
            await problem_response(too_large(limit))(scope, receive, send)
            return
        handed_on = False

        async def replay() -> Message:
            nonlocal handed_on
            if not handed_on:
                handed_on = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _read(receive: Receive, limit: int) -> bytes | None:
        """The whole body, or None once it passes `limit`."""
        chunks = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                raise _Gone()
            chunks += message.get("body", b"")
            if len(chunks) > limit:
                return None
            if not message.get("more_body", False):
                return bytes(chunks)
