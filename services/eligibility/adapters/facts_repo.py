"""What a decision reads, in one round trip: the campaign covering the time type, and the person's
facts from the registers and the bookings seen."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
import sqlalchemy as sa

from services.eligibility.adapters.campaign_repo import COVERING_SQL
from services.eligibility.domain.facts import Facts, InvitationFact
from shared.direct import Direct
from shared.identity import birth_date

_READ = Direct(
    sa.text(
        f"""
    SELECT covering.code AS campaign_code, covering.version AS campaign_version,
           EXISTS (SELECT 1 FROM home_care WHERE personnummer = :subject) AS home_care,
           EXISTS (SELECT 1 FROM households WHERE personnummer = :subject) AS household,
           (SELECT personnummer FROM staff_roster WHERE hsa_id = upper(:actor)) AS roster_subject,
           (SELECT json_build_object('campaign', campaign_code, 'phase', phase, 'valid_from', valid_from,
                                     'valid_until', valid_until, 'redeemed', redeemed_by IS NOT NULL)
              FROM invitations WHERE code = :code AND subject = :subject) AS invitation,
           (SELECT json_agg(json_build_object('t', time_type_code, 's', start_at))
              FROM bookings WHERE subject = :subject AND status = 'live'
                AND appointment_id IS DISTINCT FROM CAST(:moving AS uuid)) AS live
    FROM (SELECT 1) AS one LEFT JOIN LATERAL ({COVERING_SQL}) AS covering ON true
    """
    ).bindparams(sa.bindparam("moving", type_=sa.Uuid))
)


@dataclass(frozen=True, slots=True)
class Question:
    """What a decision reads: the campaign covering the time type (code and version, None when
    none does) and the person's facts."""

    campaign: tuple[str, int] | None
    facts: Facts


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def read(
    db: asyncpg.Connection,
    *,
    subject: str,
    time_type: str,
    actor_id: str | None,
    invitation_code: str | None,
    moving: uuid.UUID | None = None,
) -> Question:
    """`moving`: a booking being rescheduled, left out of the person's live bookings."""
    params = {
        "subject": subject,
        "time_type": time_type,
        "actor": actor_id or "",
        "code": invitation_code or "",
        "moving": moving,
    }
    row = await _READ.fetchrow(db, params)
    assert row is not None  # the outer row always exists
    live: dict[str, list[datetime]] = {}
    for item in _json(row["live"]) or []:
        live.setdefault(item["t"], []).append(_time(item["s"]))
    invitation = _json(row["invitation"])
    facts = Facts(
        birth_date=birth_date(subject),
        home_care=bool(row["home_care"]),
        household=bool(row["household"]),
        roster_subject=row["roster_subject"],
        invitation=InvitationFact(
            campaign=invitation["campaign"],
            phase=invitation["phase"],
            valid_from=_time(invitation["valid_from"]),
            valid_until=_time(invitation["valid_until"]),
            redeemed=bool(invitation["redeemed"]),
        )
        if invitation
        else None,
        live_same_type=len(live.get(time_type, [])),
        live_starts=live,
    )
    campaign = None if row["campaign_code"] is None else (row["campaign_code"], int(row["campaign_version"]))
    return Question(campaign=campaign, facts=facts)
