"""The call-back list: bookings that passed only by self-declaration or staff attestation. Staff
confirm each, or cancel it (booking cancels; VAS and the resident hear of it). Staff act for their
own clinics; a regional administrator for the whole region. Every read and decision is audited."""

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from services.eligibility.adapters import campaign_repo, follow_ups_repo
from services.eligibility.domain.errors import EligibilityCode
from services.eligibility.domain.records import FollowUp
from shared.auth import Staff
from shared.contracts.eligibility import CancelAppointmentForEligibility
from shared.errors import Refused
from shared.messaging.envelope import Envelope
from shared.messaging.outbox import add_to_outbox

EXPORT_COLUMNS = ["appointment_id", "personnummer", "time_type_code", "clinic_hsa_id", "start", "reason"]
EXPORT_COLUMNS += ["channel", "status"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


async def listed(
    engine: AsyncEngine,
    member: Staff,
    status: str | None,
    *,
    action: str,
    start_from: datetime | None = None,
    start_to: datetime | None = None,
    after: tuple[datetime, uuid.UUID] | None = None,
    limit: int | None = None,
) -> list[FollowUp]:
    """The member's follow-ups: a page (`limit` rows, and one more when there is a next page), or
    all of them for the export. `action` names the read in the audit log (listed, exported), with
    how many rows were shown."""
    async with engine.begin() as session:
        rows = await follow_ups_repo.listed(
            session,
            scope=member.clinic_scope(),
            status=status,
            start_from=start_from,
            start_to=start_to,
            after=after,
            limit=None if limit is None else limit + 1,
        )
        shown = len(rows) if limit is None else min(len(rows), limit)
        await campaign_repo.audit(session, action, member.hsa_id, {"rows": shown})
    return rows


def export_row(r: FollowUp) -> list[Any]:
    start = r.start_at.astimezone(STOCKHOLM).isoformat()
    return [r.appointment_id, r.subject, r.time_type_code, r.clinic_hsa_id, start, r.reason, r.channel, r.status]


async def decide(
    engine: AsyncEngine,
    namespace: str,
    appointment_id: uuid.UUID,
    member: Staff,
    *,
    status: str,
    allowed: set[str],
    reason: str | None = None,
) -> None:
    """Confirm (`status="confirmed"`) or cancel (`"cancelling"`: the command to booking carries who
    acts and for which clinics, and booking checks it again)."""
    scope = member.clinic_scope()
    async with engine.begin() as session:
        row = await follow_ups_repo.locked(session, appointment_id, scope=scope)
        if row is None:
            raise Refused(EligibilityCode.FOLLOW_UP_DOES_NOT_EXIST)
        if row.status not in allowed:
            raise Refused(EligibilityCode.FOLLOW_UP_ALREADY_DECIDED, extra={"status": row.status})
        await follow_ups_repo.decide(session, appointment_id, status=status, decided_by=member.hsa_id)
        await campaign_repo.audit(
            session, f"follow_up_{status}", member.hsa_id, {"appointment_id": str(appointment_id)}
        )
        if status == "cancelling":
            command = CancelAppointmentForEligibility(
                appointment_id=appointment_id,
                staff_hsa_id=member.hsa_id,
                staff_clinics=None if scope is None else sorted(scope),
                reason=reason,
            )
            await add_to_outbox(session, Envelope.wrap(command), namespace=namespace)
