from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RolloutRequest")


@_attrs_define
class RolloutRequest:
    """
    Attributes:
        web_booking_enabled (bool):
    """

    web_booking_enabled: bool

    def to_dict(self) -> dict[str, Any]:
        web_booking_enabled = self.web_booking_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "web_booking_enabled": web_booking_enabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        web_booking_enabled = d.pop("web_booking_enabled")

        rollout_request = cls(
            web_booking_enabled=web_booking_enabled,
        )

        return rollout_request
