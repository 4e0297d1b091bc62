"""The VAS port over HTTP/JSON (the simulator's API; the personnummer only ever in bodies).

aiohttp rather than httpx: on the hot path (one call per booking) httpx's pure-Python HTTP/1.1
cost about three times the CPU per call here (the notifications adapter measured the same).
"""

import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import aiohttp

from services.vas_sync.domain.vas_port import (
    OurBooking,
    VasAppointment,
    VasOutcomeUnknown,
    VasRefused,
    VasUnavailable,
)
from services.vas_sync.domain.wanted import Wanted

# Answers that mean "not applied, ask again later"; any other failure of a change may have applied
# (a 502 too: a proxy may have lost VAS's answer to a change VAS made).
_NOT_APPLIED = {429, 503}
# A 429 without Retry-After still asks the client to slow down: wait at least this long.
_THROTTLED_DEFAULT_S = 1.0


class HttpVas:
    keeps_reference = True

    def __init__(self, base_url: str, *, timeout_s: float, max_connections: int = 64) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_s, connect=min(timeout_s, 1.0))
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None  # made on first use, inside the event loop

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._max_connections)
            self._session = aiohttp.ClientSession(timeout=self._timeout, connector=connector)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def make(self, wanted: Wanted) -> VasAppointment:
        body = {
            "timeslot_id": wanted.slot_id,
            "subject": wanted.subject,
            "reference": wanted.reference,
            "channel": wanted.vas_channel,
        }
        return _appointment(await self._call("POST", "/api/appointments", json=body, changes=True))

    async def move(self, appointment_id: str, wanted: Wanted) -> VasAppointment:
        path = f"/api/appointments/{appointment_id}/update"
        return _appointment(await self._call("POST", path, json={"timeslot_id": wanted.slot_id}, changes=True))

    async def cancel(
        self, clinic_hsa_id: str, appointment_id: str, *, reason: str | None, by: str, subject: str | None = None
    ) -> None:
        path = f"/api/appointments/{appointment_id}/cancel"
        await self._call("POST", path, json={"reason": reason, "by": by}, changes=True)

    async def find(self, ours: OurBooking) -> list[VasAppointment]:
        """The simulator keeps our reference: every appointment made under it."""
        answer = await self._call("GET", "/api/appointments", params={"reference": ours.reference})
        return [_appointment(item) for item in answer["items"]]

    async def schedule_of(self, clinic_hsa_id: str, subject: str) -> list[VasAppointment] | None:
        return None  # the change feed reports every booking made in VAS

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
            async with self._client().request(method, self._base_url + path, **kwargs) as response:
                status = response.status
                raw = await response.read()
                retry_after = retry_after_s(response.headers.get("Retry-After"))
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            raise VasUnavailable(f"VAS unreachable: {type(exc).__name__}") from None
        except (TimeoutError, aiohttp.ClientError) as exc:
            # sent, then no (readable) answer: it may have been applied
            error = VasOutcomeUnknown if changes else VasUnavailable
            raise error(f"no answer from VAS: {type(exc).__name__}") from None
        body = _json(raw)
        if 200 <= status < 300:
            if body is None:
                error = VasOutcomeUnknown if changes else VasUnavailable
                raise error(f"VAS {status} with a body that is not JSON")
            return body
        code, message = _result(status, body)
        if status == 429 and retry_after is None:
            retry_after = _THROTTLED_DEFAULT_S
        if status in _NOT_APPLIED:
            raise VasUnavailable(f"VAS {status} {code}", retry_after)
        if status >= 500:
            error = VasOutcomeUnknown if changes else VasUnavailable
            raise error(f"VAS {status} {code}", retry_after)
        raise VasRefused(code, message)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _result(status: int, body: Any) -> tuple[str, str]:
    if isinstance(body, dict):
        return str(body.get("result_code") or f"HTTP_{status}"), str(body.get("message") or "")
    return f"HTTP_{status}", ""


def retry_after_s(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date (RFC 9110); None when absent or unreadable."""
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


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
