"""The VAS port over HTTP/JSON (the simulator's API; the personnummer only ever in bodies)."""

from datetime import datetime
from typing import Any

import httpx

from services.vas_sync.adapters.vas_port import (
    VasAppointment,
    VasOutcomeUnknown,
    VasRefused,
    VasUnavailable,
)

# Answers that mean "not applied, ask again later"; any other failure of a change may have applied.
_NOT_APPLIED = {429, 502, 503}


class HttpVas:
    def __init__(self, base_url: str, *, timeout_s: float, max_connections: int = 64) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 1.0)),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def make(self, *, timeslot_id: str, subject: str, reference: str, channel: str) -> VasAppointment:
        body = {"timeslot_id": timeslot_id, "subject": subject, "reference": reference, "channel": channel}
        return _appointment(await self._call("POST", "/api/appointments", json=body, changes=True))

    async def move(self, appointment_id: str, *, timeslot_id: str) -> VasAppointment:
        path = f"/api/appointments/{appointment_id}/update"
        return _appointment(await self._call("POST", path, json={"timeslot_id": timeslot_id}, changes=True))

    async def cancel(self, appointment_id: str, *, reason: str | None, by: str) -> VasAppointment:
        path = f"/api/appointments/{appointment_id}/cancel"
        return _appointment(await self._call("POST", path, json={"reason": reason, "by": by}, changes=True))

    async def by_reference(self, reference: str) -> list[VasAppointment]:
        answer = await self._call("GET", "/api/appointments", params={"reference": reference})
        return [_appointment(item) for item in answer["items"]]

    async def in_clinic(self, clinic_hsa_id: str, *, start: datetime, end: datetime) -> list[VasAppointment]:
        body = {"clinic_hsa_id": clinic_hsa_id, "from": start.isoformat(), "to": end.isoformat()}
        answer = await self._call("POST", "/api/appointments/search", json=body)
        return [_appointment(item) for item in answer["items"]]

    async def changes(self, *, after: int, limit: int) -> list[dict[str, object]]:
        answer = await self._call("GET", "/changes", params={"after": after, "limit": limit})
        items: list[dict[str, object]] = answer["items"]
        return items

    async def _call(self, method: str, path: str, *, changes: bool = False, **kwargs: Any) -> Any:
        try:
            response = await self._client.request(method, path, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise VasUnavailable(f"VAS unreachable: {type(exc).__name__}") from None
        except httpx.TransportError as exc:  # sent, then no answer: it may have been applied
            error = VasOutcomeUnknown if changes else VasUnavailable
            raise error(f"no answer from VAS: {type(exc).__name__}") from None
        if response.is_success:
            return response.json()
        code, message = _result(response)
        if response.status_code in _NOT_APPLIED:
            raise VasUnavailable(f"VAS {response.status_code} {code}", _retry_after(response))
        if response.status_code >= 500:
            error = VasOutcomeUnknown if changes else VasUnavailable
            raise error(f"VAS {response.status_code} {code}", _retry_after(response))
        raise VasRefused(code, message)


def _result(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
        return str(body.get("result_code") or f"HTTP_{response.status_code}"), str(body.get("message") or "")
    except ValueError:
        return f"HTTP_{response.status_code}", ""


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None


def _appointment(item: dict[str, Any]) -> VasAppointment:
    return VasAppointment(
        id=item["id"],
        timeslot_id=item["timeslot_id"],
        reference=item.get("reference"),
        status=item["status"],
        channel=item["channel"],
        clinic_hsa_id=item["clinic_hsa_id"],
        time_type_code=item["time_type_code"],
        start=datetime.fromisoformat(item["start"]),
        end=datetime.fromisoformat(item["end"]),
    )
