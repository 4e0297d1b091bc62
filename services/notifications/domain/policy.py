"""Which reminders a time type gets (configuration: reminders.yaml, read by adapters/reminders_file.py)."""

from dataclasses import dataclass
from typing import Literal

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
    def parse(cls, document: object) -> "ReminderPolicy":
        """From the configuration's content (`reminders.yaml` as read by adapters/reminders_file.py)."""
        data = _File.model_validate(document)
        return cls(tuple(data.default), {code: tuple(rules) for code, rules in data.time_types.items()})

    def rules_for(self, time_type_code: str | None) -> tuple[ReminderRule, ...]:
        return self.by_time_type.get(time_type_code or "", self.default)
