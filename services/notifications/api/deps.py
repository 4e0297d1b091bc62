"""Request-scoped dependencies: the app's wiring and the caller's identity."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine

from services.notifications.domain.clock import Clock
from shared.auth import TokenVerifier


@dataclass
class NotificationsApp:
    engine: AsyncEngine
    verifier: TokenVerifier
    clock: Clock


async def notifications_app(request: Request) -> NotificationsApp:
    app: NotificationsApp = request.app.state.notifications
    return app


AppDep = Annotated[NotificationsApp, Depends(notifications_app)]
