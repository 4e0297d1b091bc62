"""Correlation ids: taken from the caller's X-Correlation-ID (or made), bound to the logs and the
outbox events written during the request, and returned."""

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logging import bind_contextvars, clear_contextvars

CORRELATION_HEADER = b"x-correlation-id"
# What a caller may choose: it goes into logs and messages, so nothing that could forge a log line.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:/+=-]{1,200}")


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
        correlation_id = incoming if _ACCEPTED.fullmatch(incoming) else str(uuid.uuid4())
        clear_contextvars()
        bind_contextvars(correlation_id=correlation_id)

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"].append((CORRELATION_HEADER, correlation_id.encode("latin-1")))
            await send(message)

        await self.app(scope, receive, send_with_header)
