"""Paths and query strings with control characters are refused at the door (422), before they can
reach a log line or the database (PostgreSQL refuses NUL in text: a 500 otherwise)."""

from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.errors import CommonCode
from shared.problems import Problem, problem_response
from shared.text import has_forbidden_characters


def invalid_characters() -> Problem:
    return Problem.of(CommonCode.INVALID_CHARACTERS)


class RequestHygiene:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = unquote_to_bytes(scope.get("query_string", b"")).decode("utf-8", "replace")
            if has_forbidden_characters(scope.get("path", "")) or has_forbidden_characters(query):
                await problem_response(invalid_characters())(scope, receive, send)
                return
        await self.app(scope, receive, send)
