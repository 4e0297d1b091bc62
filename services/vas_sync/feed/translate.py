"""VAS change-feed entries as our schedule events (VAS's JSON in, our contracts out)."""

from datetime import datetime
from typing import Any

from shared.contracts.common import Actor, Channel
from shared.contracts.schedule import (
    SlotPublished,
    SlotWithdrawn,
    VasAppointmentBooked,
    VasAppointmentCancelled,
    VasAppointmentMoved,
)
from shared.messaging.envelope import Contract

_CHANNEL = {"web": Channel.WEB, "phone": Channel.PHONE, "clinic": Channel.VAS}


def translate(change: dict[str, Any]) -> list[Contract]:
    """Our events for one change; an unknown kind translates to nothing (and is logged by the caller)."""
    kind, seq = change["kind"], int(change["seq"])
    if kind == "slot_published":
        return [
            SlotPublished(
                slot_id=change["id"],
                clinic_hsa_id=change["clinic_hsa_id"],
                time_type_code=change["time_type_code"],
                start=_time(change["start"]),
                end=_time(change["end"]),
                practitioner_id=change.get("practitioner_id"),
                vas_seq=seq,
            )
        ]
    if kind == "slot_withdrawn":
        return [
            SlotWithdrawn(
                slot_id=change["id"],
                reason="withdrawn in VAS",
                vas_seq=seq,
                clinic_hsa_id=change.get("clinic_hsa_id"),
                time_type_code=change.get("time_type_code"),
                start=_time(change["start"]) if change.get("start") else None,
                end=_time(change["end"]) if change.get("end") else None,
            )
        ]
    if kind == "appointment_booked":
        return [
            VasAppointmentBooked(
                vas_appointment_id=change["id"],
                slot_id=change["timeslot_id"],
                clinic_hsa_id=change["clinic_hsa_id"],
                time_type_code=change["time_type_code"],
                start=_time(change["start"]),
                end=_time(change["end"]),
                subject=change["subject"],
                reference=change.get("reference"),
                channel=_CHANNEL.get(change.get("channel", ""), Channel.VAS),
            )
        ]
    if kind == "appointment_cancelled":
        by_clinic = change.get("cancelled_by") == "clinic"
        return [
            VasAppointmentCancelled(
                vas_appointment_id=change["id"],
                slot_id=change["timeslot_id"],
                reference=change.get("reference"),
                actor=Actor.CLINIC if by_clinic else Actor.CITIZEN,
                reason=change.get("cancelled_reason"),
            )
        ]
    if kind == "appointment_updated":
        return [
            VasAppointmentMoved(
                vas_appointment_id=change["id"],
                reference=change.get("reference"),
                slot_id=change["timeslot_id"],
                previous_slot_id=change["previous_timeslot_id"],
                start=_time(change["start"]),
                end=_time(change["end"]),
            )
        ]
    return []


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)
