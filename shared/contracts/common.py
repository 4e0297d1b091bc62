"""Value types used across contracts."""

from enum import StrEnum


class Actor(StrEnum):
    """Who made a change (national scheduling contract: subject of care, guardian, professional)."""

    CITIZEN = "citizen"
    GUARDIAN = "guardian"
    HEALTH_PROFESSIONAL = "health_professional"
    CLINIC = "clinic"
    SYSTEM = "system"


class Channel(StrEnum):
    """Through which channel a change was made."""

    WEB = "web"
    PHONE = "phone"
    STAFF_LINK = "staff_link"
    VAS = "vas"
    SYSTEM = "system"
