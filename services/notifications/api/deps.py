"""Request-scoped dependencies: the app's wiring and the caller's identity."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.domain.clock import Clock
from shared.auth import Resident, Staff, TokenVerifier, bearer_token, forbidden

OPS_ROLES = frozenset({"operations", "regional_admin"})


@dataclass
class NotificationsApp:
    engine: AsyncEngine
    verifier: TokenVerifier
    clock: Clock


async def notifications_app(request: Request) -> NotificationsApp:
    app: NotificationsApp = request.app.state.notifications
    return app


AppDep = Annotated[NotificationsApp, Depends(notifications_app)]


async def resident(app: AppDep, authorization: Annotated[str | None, Header()] = None) -> Resident:
    return await app.verifier.resident(bearer_token(authorization))


async def operations(app: AppDep, authorization: Annotated[str | None, Header()] = None) -> Staff:
    member = await app.verifier.staff(bearer_token(authorization))
    if not member.roles & OPS_ROLES:
        raise forbidden()
    return member


ResidentDep = Annotated[Resident, Depends(resident)]
OperationsDep = Annotated[Staff, Depends(operations)]
