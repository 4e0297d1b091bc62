"""JSON shapes of the resident and staff APIs (times as ISO 8601 with the Stockholm offset)."""

from datetime import datetime
from typing import Any

from services.booking.domain.appointment import Appointment
from services.booking.domain.catalogue import Clinic, Closure, Condition, FreeTime, TimeType
from shared.identity import mask
from shared.web.local_time import stockholm_iso
from shared.web.paging import page


def local(value: datetime | None) -> str | None:
    return stockholm_iso(value) if value else None


def pick(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


def clinic(row: Clinic) -> dict[str, Any]:
    return {
        "hsa_id": row.hsa_id,
        "name": row.name,
        "municipality": row.municipality,
        "address": row.address,
        "phone": row.phone,
        "web_booking_enabled": row.web_booking_enabled,
    }


def time_type(row: TimeType, conditions: list[Condition], lang: str) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": pick(lang, row.name_sv, row.name_en),
        "name_sv": row.name_sv,
        "name_en": row.name_en,
        "role": row.role,
        "length_minutes": row.length_minutes,
        "mode": row.mode,
        "web_bookable": row.web_bookable,
        "hidden": row.hidden,
        "restricted": row.restricted,
        "max_live_per_person": row.max_live_per_person,
        "conditions": [
            {"id": c.id, "text": pick(lang, c.text_sv, c.text_en), "text_sv": c.text_sv, "text_en": c.text_en}
            for c in conditions
        ],
        "information": pick(lang, row.information_sv, row.information_en),
        "information_sv": row.information_sv,
        "information_en": row.information_en,
        "rules": row.rules,
    }


def closure(row: Closure) -> dict[str, Any]:
    """A closure in force as the public sees it (staff also see who closed it, and when)."""
    return {
        "id": str(row.id),
        "clinic_hsa_id": row.clinic_hsa_id,
        "time_type_code": row.time_type_code,
        "message_sv": row.message_sv,
        "message_en": row.message_en,
        "phone": row.phone,
    }


def slot(row: FreeTime) -> dict[str, Any]:
    return {
        "id": row.id,
        "clinic": row.clinic_hsa_id,
        "time_type": row.time_type_code,
        "start": local(row.start_at),
        "end": local(row.end_at),
        "practitioner_id": row.practitioner_id,
    }


def slot_page(rows: list[FreeTime], limit: int) -> dict[str, Any]:
    """One page of times (`rows` holds one more than `limit` when there is a next page)."""
    shown, after = page(rows, limit, lambda r: (r.start_at, r.id))
    return {"items": [slot(r) for r in shown], "next": after}


def appointment(row: Appointment) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "status": row.status,
        "slot_id": row.slot_id,
        "clinic": row.clinic_hsa_id,
        "time_type": row.time_type_code,
        "start": local(row.start_at),
        "end": local(row.end_at),
        "channel": row.channel,
        "actor": row.actor,
        "version": row.version,
        "rejection_code": row.rejection_code,
        "cancelled_by": row.cancelled_by,
        "created_at": local(row.created_at),
        "updated_at": local(row.updated_at),
    }


def staff_appointment(row: Appointment) -> dict[str, Any]:
    """What staff lists show: the person masked, never in full."""
    return {
        **appointment(row),
        "subject": mask(row.subject),
        "actor_id": row.actor_id,
        "self_declared": row.self_declared,
    }
