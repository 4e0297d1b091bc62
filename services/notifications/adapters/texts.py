"""The texts residents get, from Jinja2 templates in Swedish (default) and English.

A template sees only date, time, clinic name, the portal link, who cancelled and the optional
no-show cost — never the time type or the reason, which could reveal health information.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from shared.text import display_name

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
KINDS = ("confirmation", "reminder", "rescheduled", "cancelled", "rejected", "change_rejected")
LANGUAGES = ("sv", "en")

_WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip
_UNKNOWN_CLINIC = {"sv": "din vårdcentral", "en": "your clinic"}
SUBJECTS = {
    "sv": {"reminder": "Påminnelse om ditt vårdbesök", "default": "Ditt vårdbesök"},
    "en": {"reminder": "Reminder of your healthcare appointment", "default": "Your healthcare appointment"},
}


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


@dataclass(frozen=True)
class Texts:
    tz: ZoneInfo
    portal_url: str
    no_show_cost_kr: int | None = None

    def render(self, kind: str, language: str, params: dict[str, Any]) -> Text:
        lang = language if language in LANGUAGES else "sv"
        start = datetime.fromisoformat(params["start"]).astimezone(self.tz) if params.get("start") else None
        context = {
            "date": _date(start, lang) if start else "",
            "time": start.strftime("%H:%M") if start else "",
            # Only a plain name goes into a text the region sends (shared.text.display_name).
            "clinic": display_name(params.get("clinic_name")) or _UNKNOWN_CLINIC[lang],
            "portal": self.portal_url,
            "cancelled_by": params.get("cancelled_by"),
            "cost": self.no_show_cost_kr,
        }
        body = _env.get_template(f"{kind}.{lang}.j2").render(context).strip()
        subjects = SUBJECTS[lang]
        return Text(subjects.get(kind, subjects["default"]), body)


def _date(start: datetime, lang: str) -> str:
    return f"{_WEEKDAYS[lang][start.weekday()]} {start.day} {_MONTHS[lang][start.month - 1]}"


# Plain text (SMS and text/plain mail): no HTML escaping; undefined names are template bugs.
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined)  # noqa: S701
