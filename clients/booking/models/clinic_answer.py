from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClinicAnswer")


@_attrs_define
class ClinicAnswer:
    """
    Attributes:
        address (str):
        hsa_id (str):
        municipality (str):
        name (str):
        phone (str):
        web_booking_enabled (bool):
    """

    address: str
    hsa_id: str
    municipality: str
    name: str
    phone: str
    web_booking_enabled: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address = self.address

        hsa_id = self.hsa_id

        municipality = self.municipality

        name = self.name

        phone = self.phone

        web_booking_enabled = self.web_booking_enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "hsa_id": hsa_id,
                "municipality": municipality,
                "name": name,
                "phone": phone,
                "web_booking_enabled": web_booking_enabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        address = d.pop("address")

        hsa_id = d.pop("hsa_id")

        municipality = d.pop("municipality")

        name = d.pop("name")

        phone = d.pop("phone")

        web_booking_enabled = d.pop("web_booking_enabled")

        clinic_answer = cls(
            address=address,
            hsa_id=hsa_id,
            municipality=municipality,
            name=name,
            phone=phone,
            web_booking_enabled=web_booking_enabled,
        )

        clinic_answer.additional_properties = d
        return clinic_answer

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
