"""Who asks for free times, and so which rules every listed time must already pass: a listing
offers only what its asker could book right now, so booking a listed time fails only for what
happened after the listing (someone else took it, the clock passed a deadline)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    # A resident: their own holds count as free, and times that overlap their appointments are
    # left out. None for an anonymous listing.
    subject: str | None = None
    # Staff on the phone line: no web rules (closures, web flags, hidden types, the web deadline),
    # only their own clinics (None: the whole region).
    phone_line: bool = False
    clinics: frozenset[str] | None = None
    # Hidden time types this asker may see: the guide pointed them there, or an invitation opens it.
    unlocked: frozenset[str] = frozenset()
    # A resident's cap on coming web bookings (every time type): at the cap, nothing is listed.
    web_limit: int | None = None
