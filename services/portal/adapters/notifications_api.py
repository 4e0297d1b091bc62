"""The notifications service's public API: the resident's contact preferences."""

from typing import Any

from services.portal.adapters.http_api import HttpApi


class NotificationsApi(HttpApi):
    async def preferences(self, token: str) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("GET", "/v1/me/contact-preferences", token)
        return found

    async def save_preferences(self, token: str, body: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("PUT", "/v1/me/contact-preferences", token, json=body)
        return found
