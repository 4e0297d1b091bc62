from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RescheduleRequest")


@_attrs_define
class RescheduleRequest:
    """
    Attributes:
        slot_id (str):
        confirmed_conditions (list[str] | Unset):
        reason (None | str | Unset):
    """

    slot_id: str
    confirmed_conditions: list[str] | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        slot_id = self.slot_id

        confirmed_conditions: list[str] | Unset = UNSET
        if not isinstance(self.confirmed_conditions, Unset):
            confirmed_conditions = self.confirmed_conditions

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
            }
        )
        if confirmed_conditions is not UNSET:
            field_dict["confirmed_conditions"] = confirmed_conditions
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slot_id = d.pop("slot_id")

        confirmed_conditions = cast(list[str], d.pop("confirmed_conditions", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        reschedule_request = cls(
            slot_id=slot_id,
            confirmed_conditions=confirmed_conditions,
            reason=reason,
        )

        return reschedule_request
