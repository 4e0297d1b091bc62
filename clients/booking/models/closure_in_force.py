from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClosureInForce")


@_attrs_define
class ClosureInForce:
    """
    Attributes:
        clinic_hsa_id (None | str):
        closed_at (datetime.datetime):
        closed_by (str):
        id (str):
        message_en (str):
        message_sv (str):
        phone (str):
        time_type_code (None | str):
    """

    clinic_hsa_id: None | str
    closed_at: datetime.datetime
    closed_by: str
    id: str
    message_en: str
    message_sv: str
    phone: str
    time_type_code: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        clinic_hsa_id: None | str
        clinic_hsa_id = self.clinic_hsa_id

        closed_at = self.closed_at.isoformat()

        closed_by = self.closed_by

        id = self.id

        message_en = self.message_en

        message_sv = self.message_sv

        phone = self.phone

        time_type_code: None | str
        time_type_code = self.time_type_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clinic_hsa_id": clinic_hsa_id,
                "closed_at": closed_at,
                "closed_by": closed_by,
                "id": id,
                "message_en": message_en,
                "message_sv": message_sv,
                "phone": phone,
                "time_type_code": time_type_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_clinic_hsa_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        clinic_hsa_id = _parse_clinic_hsa_id(d.pop("clinic_hsa_id"))

        closed_at = datetime.datetime.fromisoformat(d.pop("closed_at"))

        closed_by = d.pop("closed_by")

        id = d.pop("id")

        message_en = d.pop("message_en")

        message_sv = d.pop("message_sv")

        phone = d.pop("phone")

        def _parse_time_type_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        time_type_code = _parse_time_type_code(d.pop("time_type_code"))

        closure_in_force = cls(
            clinic_hsa_id=clinic_hsa_id,
            closed_at=closed_at,
            closed_by=closed_by,
            id=id,
            message_en=message_en,
            message_sv=message_sv,
            phone=phone,
            time_type_code=time_type_code,
        )

        closure_in_force.additional_properties = d
        return closure_in_force

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
