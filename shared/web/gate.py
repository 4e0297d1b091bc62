"""Default deny at the door: every route needs a valid bearer token unless the service lists it
as public, and the token is checked before the body is read or any work is admitted. A request
that matches no route (404) or no method of its path (405) without a valid login is answered
here too, before its body is read or it queues for admission.

Routes still check roles and clinic scope in their own dependencies (the verifier caches a token
it has verified, so the second look costs a dictionary lookup); the gate makes a route that forgot
its dependency refuse strangers anyway, and keeps anonymous callers from holding a body slot, an
admission slot or a JSON parser.
"""

import re
from collections.abc import Iterable

from starlette.requests import cookie_parser
from starlette.routing import BaseRoute, Match, compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.auth import TokenVerifier, bearer_token
from shared.errors import CommonCode
from shared.problems import Problem, problem_response

# Probes, metrics and the API's own description are open to anyone who can reach the port.
ALWAYS_PUBLIC = (
    ("GET", "/livez"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
)


class PublicRoutes:
    """(method, path template) pairs anyone may call, e.g. ``("GET", "/v1/clinics/{hsa_id}")``."""

    def __init__(self, routes: Iterable[tuple[str, str]]) -> None:
        self._routes: list[tuple[frozenset[str], re.Pattern[str]]] = []
        for method, template in [*ALWAYS_PUBLIC, *routes]:
            methods = frozenset({method, "HEAD"} if method == "GET" else {method})
            self._routes.append((methods, compile_path(template)[0]))

    def __contains__(self, request: tuple[str, str]) -> bool:
        method, path = request
        return any(method in methods and pattern.match(path) for methods, pattern in self._routes)


class AuthenticationGate:
    def __init__(
        self,
        app: ASGIApp,
        *,
        verifier: TokenVerifier,
        public: PublicRoutes,
        routes: list[BaseRoute],
        session_cookie: str | None = None,
    ) -> None:
        """`session_cookie`: a browser app's cookie that may carry the token instead of the header."""
        self.app = app
        self.verifier = verifier
        self.public = public
        self.routes = routes
        self.session_cookie = session_cookie

    def _match(self, scope: Scope) -> Match:
        best = Match.NONE
        for route in self.routes:
            found = route.matches(scope)[0]
            if found is Match.FULL:
                return found
            if found is Match.PARTIAL:
                best = found
        return best

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) in self.public:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        if not authorization and self.session_cookie:
            token = session_token(headers.get(b"cookie", b"").decode("latin-1"), self.session_cookie)
            authorization = f"Bearer {token}" if token else ""
        try:
            await self.verifier.claims(bearer_token(authorization or None))
        except Problem as refusal:
            # The route is looked up only for a refused login (the hot path never pays for it).
            answer = {Match.FULL: refusal, Match.PARTIAL: _NOT_ALLOWED, Match.NONE: _NOT_FOUND}[self._match(scope)]
            await problem_response(answer)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def session_token(cookie_header: str, name: str) -> str | None:
    """The value of cookie `name` in a Cookie header, if there is one (Starlette's lenient parser:
    a malformed cookie of another app on the same host does not hide ours)."""
    return cookie_parser(cookie_header).get(name) or None


_NOT_FOUND = Problem.of(CommonCode.NOT_FOUND)
_NOT_ALLOWED = Problem.of(CommonCode.METHOD_NOT_ALLOWED)
