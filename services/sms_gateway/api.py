"""A 46elks-shaped SMS API: `POST /a1/sms` (form fields `from`, `to`, `message`; basic auth),
plus what a developer or test needs: `GET /messages`, `DELETE /messages`, `/admin/faults`, `/stats`.

`Idempotency-Key` (header) makes a repeated send answer the first message instead of sending again.
"""

import base64
import re
import secrets
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, Field

from services.sms_gateway.settings import SmsGatewaySettings
from services.sms_gateway.store import Faults, Store
from shared.request import RequestModel

router = APIRouter()

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_SENDER = re.compile(r"^([A-Za-z][A-Za-z0-9]{1,10}|\+[1-9]\d{6,14})$")


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _authorized(request: Request, authorization: str | None) -> bool:
    settings: SmsGatewaySettings = request.app.state.settings
    if not authorization or not authorization.lower().startswith("basic "):
        return False
    try:
        user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return False
    return secrets.compare_digest(user, settings.username) and secrets.compare_digest(password, settings.password)


def _error(status: int, text: str) -> JSONResponse:
    # 46elks answers errors as plain text; JSON keeps the stand-in's answers uniform.
    return JSONResponse({"error": text}, status_code=status)


@router.post("/a1/sms")
async def send_sms(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> JSONResponse:
    store = _store(request)
    store.stats.requests += 1
    if not _authorized(request, authorization):
        return _error(401, "Invalid API credentials")
    if store.should_fail():
        store.stats.failed += 1
        return JSONResponse(
            {"error": "Simulated failure"}, status_code=store.faults.status, headers={"Retry-After": "1"}
        )
    form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    sender, to, text = form.get("from", ""), form.get("to", ""), form.get("message", "")
    if not _SENDER.match(sender):
        return _error(400, "Invalid from")
    if not _E164.match(to):
        return _error(400, "Invalid to: must be E.164, e.g. +46701234567")
    if not text or len(text) > 1600:
        return _error(400, "Invalid message: 1 to 1600 characters")
    sms, _ = store.add(sender=sender, to=to, text=text, idempotency_key=idempotency_key)
    body = {**sms.view(), "status": "created", "direction": "outgoing", "created": sms.sent_at, "message": sms.text}
    return JSONResponse(body)


@router.get("/messages")
async def messages(
    request: Request, to: str | None = None, limit: Annotated[int, Query(ge=1, le=200_000)] = 1000
) -> dict[str, Any]:
    """Newest first."""
    found = [m.view() for m in reversed(_store(request).messages.values()) if to is None or m.to == to]
    return {"items": found[:limit], "total": len(found)}


@router.delete("/messages", status_code=204)
async def clear(request: Request) -> None:
    _store(request).clear()


class FaultsBody(RequestModel):
    model_config = ConfigDict(extra="forbid")

    fail_next: int = Field(default=0, ge=0)
    rate: float = Field(default=0.0, ge=0, le=1)
    status: int = Field(default=503, ge=400, le=599)


@router.post("/admin/faults")
async def set_faults(body: FaultsBody, request: Request) -> FaultsBody:
    _store(request).faults = Faults(**body.model_dump())
    return body


@router.get("/admin/faults")
async def get_faults(request: Request) -> FaultsBody:
    faults = _store(request).faults
    return FaultsBody(fail_next=faults.fail_next, rate=faults.rate, status=faults.status)


@router.get("/stats")
async def stats(request: Request) -> dict[str, int]:
    """Requests received, messages accepted, duplicates answered from the idempotency key, failures."""
    s = _store(request).stats
    return {"requests": s.requests, "accepted": s.accepted, "duplicates": s.duplicates, "failed": s.failed}
