"""FastAPI dependencies for who is calling: a resident, or staff with one of the given roles.

The verifier is the one `build_app` was given (`app.state.verifier`)."""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from shared.auth import Resident, Staff, TokenVerifier, bearer_token, forbidden


def _verifier(request: Request) -> TokenVerifier:
    verifier: TokenVerifier = request.app.state.verifier
    return verifier


async def resident(request: Request, authorization: Annotated[str | None, Header()] = None) -> Resident:
    return await _verifier(request).resident(bearer_token(authorization))


async def staff(request: Request, authorization: Annotated[str | None, Header()] = None) -> Staff:
    return await _verifier(request).staff(bearer_token(authorization))


async def caller(request: Request, authorization: Annotated[str | None, Header()] = None) -> Resident | Staff | None:
    """Who calls a route that anyone may call: None without a login; a login given must be valid."""
    if authorization is None:
        return None
    return await _verifier(request).anyone(bearer_token(authorization))


def staff_with(*roles: str) -> Callable[..., Coroutine[Any, Any, Staff]]:
    """A dependency: the calling staff member, who must hold at least one of `roles`."""

    async def check(member: Annotated[Staff, Depends(staff)]) -> Staff:
        if not member.roles & set(roles):
            raise forbidden()
        return member

    return check


ResidentDep = Annotated[Resident, Depends(resident)]
CallerDep = Annotated[Resident | Staff | None, Depends(caller)]
# Operations staff watch queues and fix what is stuck (regional administrators may too).
OperationsDep = Annotated[Staff, Depends(staff_with("operations", "regional_admin"))]
