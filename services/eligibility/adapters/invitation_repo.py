"""Invitation batches: one single-use code per person and phase, bound to their personnummer."""

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from services.eligibility.adapters.tables import invitations
from services.eligibility.domain.invitation_codes import new_code
from services.eligibility.domain.records import Invitation
from shared.db import Executor, records


async def create_batch(
    session: Executor,
    *,
    campaign: str,
    phase: str,
    valid_from: datetime,
    valid_until: datetime,
    people: list[dict[str, Any]],
) -> tuple[uuid.UUID, int]:
    """Returns (batch id, invitations created). A person who already has one for the phase keeps it."""
    batch_id = uuid.uuid4()
    created = 0
    for start in range(0, len(people), 2000):
        rows = [
            {
                "code": new_code(),
                "subject": p["personnummer"],
                "campaign_code": campaign,
                "phase": phase,
                "batch_id": batch_id,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "name": p["name"],
                "address": {"street": p["street"], "postal_code": p["postal_code"], "city": p["city"]},
            }
            for p in people[start : start + 2000]
        ]
        result = await session.execute(
            insert(invitations)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["subject", "campaign_code", "phase"])
            .returning(invitations.c.code)
        )
        created += len(result.all())
    return batch_id, created


async def batch(session: Executor, batch_id: uuid.UUID) -> list[Invitation]:
    query = sa.select(invitations).where(invitations.c.batch_id == batch_id).order_by(invitations.c.subject)
    return records(Invitation, (await session.execute(query)).all())
