"""HTTP middleware every API uses: correlation ids and a cap on request bodies."""

import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logging import bind_contextvars, clear_contextvars, get_logger
from shared.problems import Problem, internal_error, problem_response

log = get_logger(__name__)

CORRELATION_HEADER = b"x-correlation-id"


class CorrelationIdMiddleware:
    """Takes X-Correlation-ID from the caller (or makes one), binds it to the logs and the
    outbox events written during the request, and returns it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(CORRELATION_HEADER, b"").decode("latin-1")
        correlation_id = incoming if 0 < len(incoming) <= 200 else str(uuid.uuid4())
        clear_contextvars()
        bind_contextvars(correlation_id=correlation_id)

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"].append((CORRELATION_HEADER, correlation_id.encode("latin-1")))
            await send(message)

        await self.app(scope, receive, send_with_header)


class BodySizeLimitMiddleware:
    """Refuses bodies over `max_bytes` with 413 — by Content-Length, or while streaming.

    The body is read (at most `max_bytes` of it) before the app runs and handed on in one
    piece: an error raised from inside the app's own body reading would be turned into a 400
    by the framework, so a streamed (chunked) oversized body must be stopped out here.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away before sending the whole body
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        handed_on = False

        async def replay() -> Message:
            nonlocal handed_on
            if not handed_on:
                handed_on = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = Problem(
            413,
            "PAYLOAD_TOO_LARGE",
            f"The request body is larger than {self.max_bytes} bytes.",
            f"Förfrågans innehåll är större än {self.max_bytes} byte.",
        )
        await problem_response(problem)(scope, receive, send)


class UnexpectedErrorMiddleware:
    """Answers an unplanned exception with problem+json 500 and logs only its type: exception
    texts (and tracebacks with locals) may quote personal data, so they never reach the logs
    the way the server's own error logging would print them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            frame = exc.__traceback__
            while frame is not None and frame.tb_next is not None:
                frame = frame.tb_next
            where = f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else "?"
            log.error("unexpected_error", error=type(exc).__name__, where=where, path=scope.get("path"))
            if not started:
                await problem_response(internal_error())(scope, receive, send)
