from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HoldAnswer")


@_attrs_define
class HoldAnswer:
    """
    Attributes:
        held_until (datetime.datetime):
        slot_id (str):
    """

    held_until: datetime.datetime
    slot_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        held_until = self.held_until.isoformat()

        slot_id = self.slot_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "held_until": held_until,
                "slot_id": slot_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        held_until = datetime.datetime.fromisoformat(d.pop("held_until"))

        slot_id = d.pop("slot_id")

        hold_answer = cls(
            held_until=held_until,
            slot_id=slot_id,
        )

        hold_answer.additional_properties = d
        return hold_answer

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
