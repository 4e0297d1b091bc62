"""The last line of defence: an unplanned exception becomes problem+json 500, logged without its text."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logging import get_logger
from shared.problems import internal_error, problem_response

log = get_logger(__name__)


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
