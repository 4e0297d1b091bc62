"""Reading the booking guide (`guide.yaml`)."""

from pathlib import Path
from typing import Any

import yaml

from services.booking.domain.guide import Guide, parse_guide


def load_guide(path: Path) -> Guide:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse_guide(raw)
