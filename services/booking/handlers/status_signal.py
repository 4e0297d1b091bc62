"""Tells waiting API requests (`Prefer: wait=N`) that an appointment changed state.

NOTIFY is sent at commit, to every replica listening — whichever one handled the event.
"""

import uuid

import sqlalchemy as sa

from shared.db import Executor

CHANNEL = "appointment_status"


async def signal_status_change(session: Executor, appointment_id: uuid.UUID) -> None:
    await session.execute(sa.text("SELECT pg_notify(:channel, :id)"), {"channel": CHANNEL, "id": str(appointment_id)})
