"""One app factory and one server start for every HTTP process, so every door has the same locks.

The middleware stack, from the outside in:

1. correlation id (logs and messages of the request carry it);
2. unexpected errors become problem+json 500, logged without their text;
3. hygiene: control characters in the path or query are refused (422);
4. the authentication gate: everything but the service's public routes needs a valid token;
5. the body, read in full within a size limit and a deadline (413, 408);
6. admission control, where the service has it: only complete, authenticated requests queue;
7. the app (routes check roles and clinic scope themselves).
"""

import socket
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

import uvicorn
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from prometheus_client import start_http_server

from shared.auth import TokenVerifier
from shared.errors import ErrorCode
from shared.health import ReadinessCheck, health_router
from shared.logging import configure_logging
from shared.problems import install_problem_handlers
from shared.settings import ServiceSettings, Settings, load_settings
from shared.web.admission import AdmissionMiddleware
from shared.web.body import BodyReader
from shared.web.correlation import CorrelationIdMiddleware
from shared.web.gate import AuthenticationGate, PublicRoutes
from shared.web.hygiene import RequestHygiene
from shared.web.openapi import document_problems
from shared.web.protocol import with_header_timeout
from shared.web.unexpected import UnexpectedErrorMiddleware
from shared.web.workers import each_socket, serve_workers

KEEP_ALIVE_S = 5


@dataclass(frozen=True)
class Admission:
    max_in_flight: int
    queue_timeout_s: float


def build_app(
    *,
    settings: ServiceSettings,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    checks: Sequence[ReadinessCheck] = (),
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
    verifier: TokenVerifier | None = None,
    public: Iterable[tuple[str, str]] = (),
    larger_bodies: Mapping[str, int] | None = None,
    admission: Admission | None = None,
    version: str = "1.0",
    catalogues: Sequence[type[ErrorCode]] = (),
    session_cookie: str | None = None,
) -> FastAPI:
    """The service's FastAPI app with the shared edge. Without a `verifier` every route is public
    (the development stand-ins, which refuse to run in production)."""
    docs = bool(settings.api_docs)
    app = FastAPI(
        title=title,
        description=description,
        version=version,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
        # Operation ids are the route functions' names (`create`, `search`): short and stable, so a
        # generated client's functions read well (clients/booking).
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.verifier = verifier
    install_problem_handlers(app)
    for router in routers:
        app.include_router(router)
    app.include_router(health_router(checks, metrics=settings.metrics_port is None))
    everything = [(m, r.path) for r in app.routes if isinstance(r, APIRoute) for m in r.methods or ()]
    document_problems(
        app,
        catalogues=catalogues,
        public=everything if verifier is None else public,
        admission=admission is not None,
    )
    if admission is not None:
        app.add_middleware(
            AdmissionMiddleware,
            service=settings.service,
            max_in_flight=admission.max_in_flight,
            queue_timeout_s=admission.queue_timeout_s,
        )
    app.add_middleware(
        BodyReader, max_bytes=settings.max_body_bytes, deadline_s=settings.body_timeout_s, larger=larger_bodies
    )
    if verifier is not None:
        app.add_middleware(
            AuthenticationGate,
            verifier=verifier,
            public=PublicRoutes(public),
            routes=app.router.routes,
            session_cookie=session_cookie,
        )
    app.add_middleware(RequestHygiene)
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(CorrelationIdMiddleware)
    return app


def run_service(create_app: Callable[[Settings], FastAPI], settings_class: type[Settings]) -> None:
    """A service's `main()`: settings from the environment (or one line saying why they are refused,
    and exit 2), JSON logs, then `serve`."""
    settings = load_settings(settings_class)
    configure_logging(settings.service, settings.log_level)
    if settings.workers > 1:
        sys.exit(serve_workers(lambda each: serve(create_app(each), each, sockets=each_socket()), settings))
    serve(create_app(settings), settings)


def server_config(app: FastAPI, settings: ServiceSettings) -> uvicorn.Config:
    """How every service's server runs: no access log (URLs are not for logs), a deadline on
    request heads, short keep-alive, no server banner."""
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        lifespan="on",
        http=with_header_timeout(settings.header_timeout_s),
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=10,
        server_header=False,
    )


def serve(app: FastAPI, settings: ServiceSettings, *, sockets: list[socket.socket] | None = None) -> None:
    """Run `app` (and /metrics on its own port, if configured) until stopped; on `sockets` already
    bound (a worker of several) instead of binding host and port itself."""
    if settings.metrics_port is not None:
        start_http_server(settings.metrics_port, addr=settings.host)
    uvicorn.Server(server_config(app, settings)).run(sockets=sockets)
