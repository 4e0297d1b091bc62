"""`/livez`, `/readyz` and `/metrics` for every process."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, Gauge, generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine

Check = Callable[[], Awaitable[tuple[bool, str]]]


@dataclass(frozen=True)
class ReadinessCheck:
    name: str
    check: Check


def database_check(engine: AsyncEngine) -> ReadinessCheck:
    async def check() -> tuple[bool, str]:
        try:
            async with engine.connect() as conn:
                await conn.execute(sa.text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            return False, type(exc).__name__
        return True, "ok"

    return ReadinessCheck("database", check)


# For alerts: a process whose probes find it not ready (Kubernetes asks /readyz every few seconds).
READY = Gauge("tidbok_ready", "1 when the last /readyz found every check ok, 0 when not (NaN: not asked yet)")
READY.set(float("nan"))


def health_router(checks: Sequence[ReadinessCheck], *, metrics: bool = True) -> APIRouter:
    """Probes, and /metrics unless it is served on a port of its own."""
    router = APIRouter(tags=["operations"])

    @router.get("/livez", include_in_schema=False)
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        results = await asyncio.gather(*(_timed(c.check) for c in checks))
        body = {c.name: {"ok": ok, "detail": detail} for c, (ok, detail) in zip(checks, results, strict=True)}
        ready = all(ok for ok, _ in results)
        READY.set(1 if ready else 0)
        return JSONResponse({"ready": ready, "checks": body}, status_code=200 if ready else 503)

    if metrics:

        @router.get("/metrics", include_in_schema=False)
        async def prometheus_metrics() -> Response:
            return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


async def _timed(check: Check) -> tuple[bool, str]:
    try:
        return await asyncio.wait_for(check(), 3)
    except TimeoutError:
        return False, "timeout"
