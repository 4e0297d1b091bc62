"""The base of every request body: unknown fields, control characters and out-of-range times refused."""

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from shared.bounds import checked_time
from shared.text import checked_text


def _checked(value: Any) -> Any:
    if isinstance(value, dict):
        for key, item in value.items():
            _checked(key)
            _checked(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _checked(item)
    else:
        checked_time(checked_text(value))
    return value


class RequestModel(BaseModel):
    """Base of every request body: every string it holds (nested lists and dicts too) is free of
    control characters (`shared.text`), every date and time within range (`shared.bounds`)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value: Any) -> Any:
        return _checked(value)
