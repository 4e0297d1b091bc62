from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClosureRequest")


@_attrs_define
class ClosureRequest:
    """
    Attributes:
        message_en (str):
        message_sv (str):
        phone (str):
        clinic_hsa_id (None | str | Unset):
        time_type_code (None | str | Unset):
    """

    message_en: str
    message_sv: str
    phone: str
    clinic_hsa_id: None | str | Unset = UNSET
    time_type_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message_en = self.message_en

        message_sv = self.message_sv

        phone = self.phone

        clinic_hsa_id: None | str | Unset
        if isinstance(self.clinic_hsa_id, Unset):
            clinic_hsa_id = UNSET
        else:
            clinic_hsa_id = self.clinic_hsa_id

        time_type_code: None | str | Unset
        if isinstance(self.time_type_code, Unset):
            time_type_code = UNSET
        else:
            time_type_code = self.time_type_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message_en": message_en,
                "message_sv": message_sv,
                "phone": phone,
            }
        )
        if clinic_hsa_id is not UNSET:
            field_dict["clinic_hsa_id"] = clinic_hsa_id
        if time_type_code is not UNSET:
            field_dict["time_type_code"] = time_type_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message_en = d.pop("message_en")

        message_sv = d.pop("message_sv")

        phone = d.pop("phone")

        def _parse_clinic_hsa_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        clinic_hsa_id = _parse_clinic_hsa_id(d.pop("clinic_hsa_id", UNSET))

        def _parse_time_type_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_type_code = _parse_time_type_code(d.pop("time_type_code", UNSET))

        closure_request = cls(
            message_en=message_en,
            message_sv=message_sv,
            phone=phone,
            clinic_hsa_id=clinic_hsa_id,
            time_type_code=time_type_code,
        )

        return closure_request
