"""Comparing what VAS sync applied with what VAS holds, for one clinic and day (no I/O).

Each finding names the appointment and what to do; the runner re-checks each one under the
appointment's lock before acting, so a change in flight is never "repaired"."""

from dataclasses import dataclass

from services.vas_sync.domain.sync_state import SyncState
from services.vas_sync.domain.vas_port import VasAppointment


@dataclass(frozen=True)
class Finding:
    kind: str
    reference: str
    vas_appointment_id: str | None = None


def compare(ours: list[SyncState], theirs: list[VasAppointment]) -> list[Finding]:
    """`ours`: what VAS sync applied for the clinic and day."""
    findings: list[Finding] = []
    booked: dict[str, list[VasAppointment]] = {}
    by_id = {a.id: a for a in theirs}
    for appointment in theirs:
        if appointment.reference and appointment.booked:
            booked.setdefault(appointment.reference, []).append(appointment)
    known = {str(row.appointment_id): row for row in ours}
    for reference, found in booked.items():
        row = known.get(reference)
        if row is None or row.version == 0:
            continue  # not a booking of ours (a clinic's own reference)
        if len(found) > 1:
            findings.append(Finding("duplicate_in_vas", reference))
        elif row is not None and row.wanted == "cancelled":
            findings.append(Finding("booked_in_vas_after_cancel", reference, found[0].id))
        elif row is not None and row.outcome == "confirmed" and found[0].timeslot_id != row.slot_id:
            findings.append(Finding("moved_in_vas", reference, found[0].id))
    for reference, row in known.items():
        if row.wanted != "booked" or row.outcome != "confirmed" or reference in booked:
            continue
        in_vas = by_id.get(row.vas_appointment_id or "")
        if in_vas is not None and in_vas.booked:
            continue  # made in VAS by the clinic: it carries no reference of ours
        kind = "cancelled_in_vas" if in_vas is not None else "missing_in_vas"
        findings.append(Finding(kind, reference, row.vas_appointment_id))
    return findings
