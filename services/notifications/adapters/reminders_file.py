"""Reading the reminder configuration (`reminders.yaml`)."""

from pathlib import Path

import yaml

from services.notifications.domain.policy import ReminderPolicy


def load_policy(path: str | Path) -> ReminderPolicy:
    return ReminderPolicy.parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
