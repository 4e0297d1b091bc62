"""Which reminders a time type gets (configuration: reminders.yaml)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

Channel = Literal["sms", "email"]
CHANNELS: tuple[Channel, ...] = ("sms", "email")


class ReminderRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    channel: Channel
    hours_before: int = Field(ge=1, le=24 * 60)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default: list[ReminderRule]
    time_types: dict[str, list[ReminderRule]] = Field(default_factory=dict)


@dataclass(frozen=True)
class ReminderPolicy:
    default: tuple[ReminderRule, ...]
    by_time_type: dict[str, tuple[ReminderRule, ...]]

    @classmethod
    def load(cls, path: str | Path) -> "ReminderPolicy":
        data = _File.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
        return cls(tuple(data.default), {code: tuple(rules) for code, rules in data.time_types.items()})

    def rules_for(self, time_type_code: str | None) -> tuple[ReminderRule, ...]:
        return self.by_time_type.get(time_type_code or "", self.default)
