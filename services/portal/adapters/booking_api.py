"""The booking service's public API, called over HTTP with the resident's own token: the portal
has no other way in."""

import uuid
from typing import Any

import httpx


class Refused(Exception):
    """The API said no: its stable code, and its words in both languages."""

    def __init__(self, status: int, code: str, detail_sv: str, detail_en: str, extra: dict[str, Any]) -> None:
        super().__init__(code)
        self.status, self.code, self.detail_sv, self.detail_en, self.extra = status, code, detail_sv, detail_en, extra


class Unreachable(Exception):
    pass


class BookingApi:
    def __init__(self, base_url: str, *, timeout_s: float) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout_s)

    async def _call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            answer = await self._http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            raise Unreachable(type(exc).__name__) from None
        if answer.status_code >= 400:
            try:
                body = answer.json()
            except ValueError:
                body = {}
            raise Refused(
                answer.status_code,
                str(body.get("code", "UNKNOWN")),
                str(body.get("detail_sv") or body.get("title") or ""),
                str(body.get("detail") or body.get("title") or ""),
                {k: v for k, v in body.items() if k not in ("type", "title", "status", "detail", "detail_sv", "code")},
            )
        return answer.json() if answer.content else None

    async def clinics(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = (await self._call("GET", "/v1/clinics"))["items"]
        return items

    async def time_types(self, clinic: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = (await self._call("GET", f"/v1/clinics/{clinic}/time-types"))["items"]
        return items

    async def slots(
        self, token: str, clinic: str, time_type: str, start: str, limit: int = 100
    ) -> list[dict[str, Any]]:
        params = {"clinic": clinic, "time_type": time_type, "from": start, "limit": limit}
        items: list[dict[str, Any]] = (await self._call("GET", "/v1/slots", token, params=params))["items"]
        return items

    async def book(
        self,
        token: str,
        slot_id: str,
        conditions: list[str],
        key: str,
        wait_s: float,
        invitation_code: str | None = None,
    ) -> dict[str, Any]:
        headers = {"Idempotency-Key": key}
        if wait_s > 0:
            headers["Prefer"] = f"wait={int(wait_s)}"
        body: dict[str, Any] = {"slot_id": slot_id, "confirmed_conditions": conditions}
        if invitation_code:
            body["invitation_code"] = invitation_code
        found: dict[str, Any] = await self._call("POST", "/v1/appointments", token, json=body, headers=headers)
        return found

    async def appointments(self, token: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = (await self._call("GET", "/v1/appointments", token, params={"limit": 100}))[
            "items"
        ]
        return items

    async def appointment(self, token: str, appointment_id: uuid.UUID) -> dict[str, Any]:
        found: dict[str, Any] = await self._call("GET", f"/v1/appointments/{appointment_id}", token)
        return found

    async def reschedule_targets(self, token: str, appointment_id: uuid.UUID, start: str) -> list[dict[str, Any]]:
        path = f"/v1/appointments/{appointment_id}/reschedule-targets"
        items: list[dict[str, Any]] = (await self._call("GET", path, token, params={"from": start, "limit": 200}))[
            "items"
        ]
        return items

    async def reschedule(
        self, token: str, appointment_id: uuid.UUID, slot_id: str, conditions: list[str]
    ) -> dict[str, Any]:
        body = {"slot_id": slot_id, "confirmed_conditions": conditions}
        found: dict[str, Any] = await self._call(
            "POST", f"/v1/appointments/{appointment_id}/reschedule", token, json=body
        )
        return found

    async def cancel(self, token: str, appointment_id: uuid.UUID) -> dict[str, Any]:
        found: dict[str, Any] = await self._call("POST", f"/v1/appointments/{appointment_id}/cancel", token)
        return found

    async def close(self) -> None:
        await self._http.aclose()
