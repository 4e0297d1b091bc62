"""Request-scoped dependencies: the app's wiring."""

from typing import Annotated

from fastapi import Depends, Request

from services.notifications.state import NotificationsApp


async def notifications_app(request: Request) -> NotificationsApp:
    app: NotificationsApp = request.app.state.notifications
    return app


AppDep = Annotated[NotificationsApp, Depends(notifications_app)]
