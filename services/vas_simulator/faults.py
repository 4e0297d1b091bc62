"""Fault injection for `/api/*` and the crm:scheduling responders (and `/changes` when down):
down, error, latency, throttle, and apply_then_timeout — the change is committed, then the caller
is kept waiting until it gives up. The responders get SOAP faults, the JSON API JSON."""

import asyncio
import random
import time

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.vas_simulator.errors import error_response
from services.vas_simulator.schemas import Faults
from services.vas_simulator.tables import faults
from shared.crm_scheduling import soap

_rng = random.Random()  # noqa: S311 - fault dice, not security


class FaultStore:
    """The single fault row, cached briefly so a request costs no extra query."""

    def __init__(self, engine: AsyncEngine, cache_s: float) -> None:
        self.engine = engine
        self.cache_s = cache_s
        self._cached: Faults | None = None
        self._read_at = 0.0

    async def get(self) -> Faults:
        if self._cached is not None and time.monotonic() - self._read_at < self.cache_s:
            return self._cached
        async with self.engine.connect() as conn:
            row = (await conn.execute(sa.select(faults).where(faults.c.id == 1))).first()
        value = Faults() if row is None else Faults(**{k: row._mapping[k] for k in Faults.model_fields})
        self._cached, self._read_at = value, time.monotonic()
        return value

    async def set(self, value: Faults) -> Faults:
        async with self.engine.begin() as conn:
            await conn.execute(
                insert(faults)
                .values(id=1, **value.model_dump())
                .on_conflict_do_update(index_elements=["id"], set_=value.model_dump())
            )
        self._cached, self._read_at = value, time.monotonic()
        return value


CRM = "/crm-scheduling/"
_CRM_CHANGES = tuple(f"{CRM}{operation}" for operation in ("MakeBooking", "UpdateBooking", "CancelBooking"))


def _applies_then_hangs(method: str, path: str) -> bool:
    return method == "POST" and (
        path == "/api/appointments"
        or (path.startswith("/api/appointments/") and path.endswith(("/update", "/cancel")))
        or path in _CRM_CHANGES
    )


def _makes_a_booking(method: str, path: str) -> bool:
    return method == "POST" and (path == "/api/appointments" or path == f"{CRM}MakeBooking")


def _refusal(path: str, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    if path.startswith(CRM):
        body = soap.fault("soap:Server", f"{code}: {message}")
        return Response(body, status_code=status, media_type=soap.CONTENT_TYPE, headers=headers)
    return error_response(status, code, message, headers)


class FaultMiddleware:
    def __init__(self, app: ASGIApp, *, store: FaultStore, hang_s: float) -> None:
        self.app = app
        self.store = store
        self.hang_s = hang_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(("/api/", "/changes", CRM)):
            await self.app(scope, receive, send)
            return
        fault = await self.store.get()
        if fault.mode == "down":
            response = _refusal(path, 503, "SERVICE_UNAVAILABLE", "VAS is down.", {"Retry-After": "1"})
            await response(scope, receive, send)
            return
        if path.startswith("/changes") or fault.mode == "none" or _rng.random() >= fault.rate:
            await self.app(scope, receive, send)
            return
        if fault.mode == "error":
            await _refusal(path, 500, "INTERNAL_ERROR", "VAS failed.")(scope, receive, send)
        elif fault.mode == "throttle":
            headers = {"Retry-After": str(fault.retry_after_s)}
            await _refusal(path, 429, "TOO_MANY_REQUESTS", "Too many requests.", headers)(scope, receive, send)
        elif fault.mode == "latency":
            await asyncio.sleep(fault.latency_ms / 1000)
            await self.app(scope, receive, send)
        elif fault.mode == "misconfigured" and _makes_a_booking(scope["method"], path):
            message = "Tidstypen är inte uppsatt för enheten i VAS. / The time type is not set up for the unit."
            await _refusal(path, 422, "TIME_TYPE_NOT_CONFIGURED", message)(scope, receive, send)
        elif fault.mode == "apply_then_timeout" and _applies_then_hangs(scope["method"], path):
            await self._apply_then_hang(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _apply_then_hang(self, scope: Scope, receive: Receive, send: Send) -> None:
        withheld: list[Message] = []

        async def keep(message: Message) -> None:
            withheld.append(message)

        await self.app(scope, receive, keep)  # applied and committed; the answer is never sent
        await asyncio.sleep(self.hang_s)
        await _refusal(scope.get("path", ""), 504, "TIMEOUT", "VAS did not answer in time.")(scope, receive, send)
