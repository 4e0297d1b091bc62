"""A consumer's handler table from use cases: each message type goes to one use case, called in
the consumer's transaction with the decoded message (and, for those that publish, the way to stage
an event in the outbox). Handlers that need more (state, several types at once) are written out."""

from collections.abc import Awaitable, Callable
from typing import NamedTuple, Protocol, TypeVar

import asyncpg

from shared.db import Executor
from shared.messaging.consumer import DriverContext, Handler, HandlerContext, OnDriver
from shared.messaging.envelope import Contract, Envelope
from shared.messaging.errors import PermanentError

C = TypeVar("C", bound=Contract)
C_contra = TypeVar("C_contra", bound=Contract, contravariant=True)

Emit = Callable[[Contract], Awaitable[Envelope]]


class Emitting(Protocol[C_contra]):
    def __call__(self, session: Executor, message: C_contra, /, *, emit: Emit) -> Awaitable[None]: ...


class Route(NamedTuple):
    kind: type[Contract]
    handler: Handler


def _decoded(ctx: HandlerContext, kind: type[C]) -> C:
    message = ctx.message
    if not isinstance(message, kind):  # the consumer routes by type: a mismatch is a wiring bug
        raise PermanentError(f"{type(message).__name__} routed to the handler of {kind.__name__}")
    return message


def calls(kind: type[C], use_case: Callable[[Executor, C], Awaitable[None]]) -> Route:
    async def handle(ctx: HandlerContext) -> None:
        await use_case(ctx.session, _decoded(ctx, kind))

    return Route(kind, handle)


def calls_emitting(kind: type[C], use_case: Emitting[C]) -> Route:
    async def handle(ctx: HandlerContext) -> None:
        await use_case(ctx.session, _decoded(ctx, kind), emit=ctx.emit)

    return Route(kind, handle)


def on_driver(kind: type[C], use_case: Callable[[asyncpg.Connection, C], Awaitable[None]]) -> Route:
    """A hot-path use case whose statements run on the driver connection (`OnDriver`)."""

    async def handle(ctx: DriverContext) -> None:
        message = ctx.message
        if not isinstance(message, kind):
            raise PermanentError(f"{type(message).__name__} routed to the handler of {kind.__name__}")
        await use_case(ctx.db, message)

    return Route(kind, OnDriver(handle))


def handlers(*routes: Route) -> dict[type[Contract], Handler]:
    table = dict(routes)
    if len(table) != len(routes):
        raise ValueError("a message type is routed twice")
    return table
