"""The scheduler's queries: claim due rows with FOR UPDATE SKIP LOCKED, record what happened.

A claim commits `sending` with a lease before anything is sent, so two replicas never take the
same row. A replica that dies mid-send leaves the row `sending`; when the lease ends another
claims it again and resends with the same idempotency key (the gateway drops the duplicate).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import notifications
from services.notifications.domain.dispatch_rules import Claimed

_CLAIM = """
WITH due AS (
    SELECT n.id, a.status AS appointment_status, a.start_at AS appointment_start, a.prev_start_at AS appointment_was,
           c.phone, c.email, c.language, c.sms_consent, c.email_consent
    FROM notifications n
    JOIN appointments a ON a.id = n.appointment_id
    LEFT JOIN contact_preferences c ON c.subject = n.subject
    WHERE {where}
    ORDER BY {order}
    LIMIT :batch
    FOR UPDATE OF n SKIP LOCKED
)
UPDATE notifications n
SET status = 'sending', claimed_until = :lease_until, attempts = n.attempts + 1, updated_at = :now
FROM due
WHERE n.id = due.id
RETURNING n.id, n.appointment_id, n.kind, n.channel, n.params, n.due_at, n.not_after, n.attempts,
          due.appointment_status, due.appointment_start, due.appointment_was,
          due.phone, due.email, due.language, due.sms_consent, due.email_consent
"""
CLAIM_DUE = sa.text(_CLAIM.format(where="n.status = 'pending' AND n.due_at <= :now", order="n.due_at"))
CLAIM_EXPIRED = sa.text(
    _CLAIM.format(where="n.status = 'sending' AND n.claimed_until <= :now", order="n.claimed_until")
)

FINISH = sa.text("""
UPDATE notifications AS n SET
    status = u.status,
    due_at = COALESCE(u.due_at, n.due_at),
    attempts = n.attempts - u.refund,
    outcome = u.outcome,
    last_error = u.last_error,
    provider_id = COALESCE(u.provider_id, n.provider_id),
    sent_at = u.sent_at,
    claimed_until = NULL,
    updated_at = :now
FROM unnest(
    CAST(:ids AS bigint[]), CAST(:statuses AS text[]), CAST(:due AS timestamptz[]), CAST(:refund AS int[]),
    CAST(:outcomes AS text[]), CAST(:errors AS text[]), CAST(:providers AS text[]), CAST(:sent AS timestamptz[])
) AS u(id, status, due_at, refund, outcome, last_error, provider_id, sent_at)
WHERE n.id = u.id AND n.status = 'sending'
""")


@dataclass(frozen=True)
class Result:
    id: int
    status: str  # sent | pending (retry or deferred) | failed | dropped | skipped
    due_at: datetime | None = None
    refund: int = 0  # 1 when the attempt did not count (deferred past quiet hours)
    outcome: str | None = None
    last_error: str | None = None
    provider_id: str | None = None
    sent_at: datetime | None = None


async def claim(
    conn: AsyncConnection, *, now: datetime, lease_until: datetime, batch: int, expired: bool = False
) -> list[Claimed]:
    statement = CLAIM_EXPIRED if expired else CLAIM_DUE
    rows = await conn.execute(statement, {"now": now, "lease_until": lease_until, "batch": batch})
    return [Claimed(**row._mapping) for row in rows]


async def finish(conn: AsyncConnection, results: Sequence[Result], *, now: datetime) -> None:
    if not results:
        return
    await conn.execute(
        FINISH,
        {
            "now": now,
            "ids": [r.id for r in results],
            "statuses": [r.status for r in results],
            "due": [r.due_at for r in results],
            "refund": [r.refund for r in results],
            "outcomes": [r.outcome for r in results],
            "errors": [r.last_error for r in results],
            "providers": [r.provider_id for r in results],
            "sent": [r.sent_at for r in results],
        },
    )


async def oldest_due(conn: AsyncConnection, *, now: datetime) -> datetime | None:
    """The due time of the oldest pending notification already due (the partial due index)."""
    query = sa.select(sa.func.min(notifications.c.due_at)).where(
        notifications.c.status == "pending", notifications.c.due_at <= now
    )
    found: datetime | None = await conn.scalar(query)
    return found
