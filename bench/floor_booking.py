"""The floor under the booking benchmark: what answering costs before any work is done.

Two apps, neither touching a database or the broker:

- `FLOOR_MODE=bare`: FastAPI alone with the reference's route (`POST /book`, the JSON body read,
  an id drawn, a small JSON answer) — the reference without its transaction.
- `FLOOR_MODE=edge`: booking's edge and route signature — `build_app` with booking's settings,
  token check (the gate and the route's `ResidentDep`), body model, admission and every shared
  middleware; the route checks the Idempotency-Key, fingerprints the body and answers 201.

Side by side with the reference and booking they split booking's CPU per request into the
framework (bare), the edge's locks (edge − bare) and the booking itself (booking − edge).

Run: python -m bench.floor_booking  (FLOOR_MODE; `bare` listens on FLOOR_PORT, `edge` takes booking's
BOOKING_* settings, its port among them)
"""

import os
import uuid
from typing import Annotated, Any

import uvicorn
from fastapi import APIRouter, FastAPI, Header, Request
from fastapi.responses import JSONResponse

from services.booking.api.deps import AppDep
from services.booking.api.headers import request_hash, require_key
from services.booking.api.schemas import BookingRequest
from services.booking.main import PUBLIC
from services.booking.settings import BookingSettings
from shared.auth import verifier_from
from shared.settings import load_settings
from shared.web.app import Admission, build_app, serve
from shared.web.json_answer import JsonAnswer
from shared.web.principals import ResidentDep


def bare_app() -> FastAPI:
    app = FastAPI()

    @app.post("/book", status_code=201)
    async def book(request: Request, x_subject: str = Header()) -> JSONResponse:
        body = await request.json()
        answer = {"id": str(uuid.uuid4()), "status": "pending", "slot_id": body["slot_id"], "subject": x_subject[:8]}
        return JSONResponse(answer, status_code=201)

    return app


def edge_app() -> tuple[FastAPI, BookingSettings]:
    settings = load_settings(BookingSettings)
    router = APIRouter(prefix="/v1/appointments")

    @router.post("", status_code=201)
    async def create(
        body: BookingRequest,
        me: ResidentDep,
        app: AppDep,
        idempotency_key: Annotated[str | None, Header()] = None,
        prefer: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        key = require_key(idempotency_key)
        appointment_id = uuid.uuid4()
        answer: dict[str, Any] = {
            "id": str(appointment_id),
            "status": "pending",
            "slot_id": body.slot_id,
            "fingerprint": request_hash("book", body)[:16],
            "key": key[:8],
            "subject": me.personnummer[:8],
            "waits": prefer is not None,
        }
        return JsonAnswer(answer, status_code=201, headers={"Location": f"/v1/appointments/{appointment_id}"})

    app = build_app(
        settings=settings,
        title="Booking's edge, nothing behind it (benchmark floor)",
        description="bench/floor_booking.py",
        routers=[router],
        verifier=verifier_from(settings),
        public=PUBLIC,
        admission=Admission(max_in_flight=settings.max_in_flight, queue_timeout_s=settings.admission_timeout_s),
    )
    app.state.booking = object()  # AppDep hands it over; nothing uses it
    return app, settings


def main() -> None:
    if os.environ["FLOOR_MODE"] == "bare":
        port = int(os.environ["FLOOR_PORT"])
        uvicorn.run(bare_app(), host="127.0.0.1", port=port, log_config=None, access_log=False)
        return
    serve(*edge_app())


if __name__ == "__main__":
    main()
