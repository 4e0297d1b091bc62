from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SlotAnswer")


@_attrs_define
class SlotAnswer:
    """
    Attributes:
        clinic (str): The clinic's HSA-id
        end (datetime.datetime):
        id (str):
        practitioner_id (None | str):
        start (datetime.datetime):
        time_type (str):
    """

    clinic: str
    end: datetime.datetime
    id: str
    practitioner_id: None | str
    start: datetime.datetime
    time_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clinic = self.clinic

        end = self.end.isoformat()

        id = self.id

        practitioner_id: None | str
        practitioner_id = self.practitioner_id

        start = self.start.isoformat()

        time_type = self.time_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clinic": clinic,
                "end": end,
                "id": id,
                "practitioner_id": practitioner_id,
                "start": start,
                "time_type": time_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        clinic = d.pop("clinic")

        end = datetime.datetime.fromisoformat(d.pop("end"))

        id = d.pop("id")

        def _parse_practitioner_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        practitioner_id = _parse_practitioner_id(d.pop("practitioner_id"))

        start = datetime.datetime.fromisoformat(d.pop("start"))

        time_type = d.pop("time_type")

        slot_answer = cls(
            clinic=clinic,
            end=end,
            id=id,
            practitioner_id=practitioner_id,
            start=start,
            time_type=time_type,
        )

        slot_answer.additional_properties = d
        return slot_answer

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
