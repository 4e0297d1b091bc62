"""The booking service's public API (residents' and phone-booking staff's parts)."""

import uuid
from typing import Any

from services.portal.adapters.http_api import HttpApi


class BookingApi(HttpApi):
    async def clinics(self) -> list[dict[str, Any]]:
        return await self.items("/v1/clinics")

    async def clinic(self, hsa_id: str) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("GET", f"/v1/clinics/{hsa_id}")
        return found

    async def time_types(self, clinic: str) -> list[dict[str, Any]]:
        return await self.items(f"/v1/clinics/{clinic}/time-types")

    async def time_type(self, code: str) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("GET", f"/v1/time-types/{code}")
        return found

    async def closures(self) -> list[dict[str, Any]]:
        return await self.items("/v1/web-booking-closures")

    async def guide(self, lang: str) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("GET", "/v1/guide", headers={"Accept-Language": lang})
        return found

    async def guide_result(self, token: str, need: str, lang: str) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("GET", f"/v1/guide/{need}", token, headers={"Accept-Language": lang})
        return found

    async def slots(
        self,
        token: str,
        clinic: str,
        time_type: str,
        start: str,
        limit: int = 100,
        ticket: str | None = None,
    ) -> list[dict[str, Any]]:
        return await self.items(
            "/v1/slots", token, clinic=clinic, time_type=time_type, limit=limit, guide_ticket=ticket, **{"from": start}
        )

    async def free_at(self, token: str, clinic: str, start: str, limit: int = 500) -> list[dict[str, Any]]:
        """Every free time at a clinic (of any kind) that the caller may book."""
        return await self.items("/v1/slots", token, clinic=clinic, limit=limit, **{"from": start})

    async def book(
        self,
        token: str,
        slot_id: str,
        conditions: list[str],
        key: str,
        wait_s: float,
        invitation_code: str | None = None,
        ticket: str | None = None,
    ) -> dict[str, Any]:
        headers = {"Idempotency-Key": key}
        if wait_s > 0:
            headers["Prefer"] = f"wait={int(wait_s)}"
        body: dict[str, Any] = {"slot_id": slot_id, "confirmed_conditions": conditions}
        if invitation_code:
            body["invitation_code"] = invitation_code
        if ticket:
            body["guide_ticket"] = ticket
        found: dict[str, Any] = await self.call("POST", "/v1/appointments", token, json=body, headers=headers)
        return found

    async def appointments(self, token: str) -> list[dict[str, Any]]:
        return await self.items("/v1/appointments", token, limit=100)

    async def appointment(self, token: str, appointment_id: uuid.UUID) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("GET", f"/v1/appointments/{appointment_id}", token)
        return found

    async def reschedule_targets(self, token: str, appointment_id: uuid.UUID, start: str) -> list[dict[str, Any]]:
        path = f"/v1/appointments/{appointment_id}/reschedule-targets"
        return await self.items(path, token, limit=200, **{"from": start})

    async def reschedule(
        self, token: str, appointment_id: uuid.UUID, slot_id: str, conditions: list[str]
    ) -> dict[str, Any]:
        body = {"slot_id": slot_id, "confirmed_conditions": conditions}
        found: dict[str, Any] = await self.call(
            "POST", f"/v1/appointments/{appointment_id}/reschedule", token, json=body
        )
        return found

    async def cancel(self, token: str, appointment_id: uuid.UUID) -> dict[str, Any]:
        found: dict[str, Any] = await self.call("POST", f"/v1/appointments/{appointment_id}/cancel", token)
        return found

    async def phone_booking(self, token: str, body: dict[str, Any], key: str) -> dict[str, Any]:
        """Staff book on a resident's behalf (the personnummer travels in the body, never a URL)."""
        found: dict[str, Any] = await self.call(
            "POST", "/v1/staff/appointments", token, json=body, headers={"Idempotency-Key": key}
        )
        return found
