"""The lean reference endpoint for the booking benchmark: FastAPI + raw asyncpg doing the same
slot claim + appointment insert in one transaction. No broker, no auth, no rules.

Run: python -m bench.reference_booking  (REF_DSN, REF_PORT from the environment)
"""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import uvicorn
from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse

CLAIM = """
UPDATE slots SET status = 'busy', updated_at = now()
WHERE id = $1 AND status = 'free'
RETURNING clinic_hsa_id, time_type_code, start_at, end_at
"""
INSERT = """
INSERT INTO appointments (id, subject, slot_id, clinic_hsa_id, time_type_code, start_at, end_at, status,
                          version, channel, actor)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 1, 'web', 'citizen')
"""


def create_app(dsn: str) -> FastAPI:
    pools: dict[str, asyncpg.Pool] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        pools["db"] = await asyncpg.create_pool(dsn, min_size=10, max_size=20)
        yield
        await pools["db"].close()

    app = FastAPI(lifespan=lifespan)

    @app.post("/book", status_code=201)
    async def book(request: Request, x_subject: str = Header()) -> JSONResponse:
        body = await request.json()
        appointment_id = uuid.uuid4()
        async with pools["db"].acquire() as conn, conn.transaction():
            row = await conn.fetchrow(CLAIM, body["slot_id"])
            if row is None:
                return JSONResponse({"code": "REQUESTED_TIME_IS_ALREADY_RESERVED"}, status_code=409)
            await conn.execute(
                INSERT,
                appointment_id,
                x_subject,
                body["slot_id"],
                row["clinic_hsa_id"],
                row["time_type_code"],
                row["start_at"],
                row["end_at"],
            )
        return JSONResponse(
            {"id": str(appointment_id), "status": "pending", "slot_id": body["slot_id"]}, status_code=201
        )

    return app


if __name__ == "__main__":
    uvicorn.run(
        create_app(os.environ["REF_DSN"]),
        host="127.0.0.1",
        port=int(os.environ["REF_PORT"]),
        log_level="warning",
        access_log=False,
    )
