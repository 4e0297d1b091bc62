from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConditionAnswer")


@_attrs_define
class ConditionAnswer:
    """
    Attributes:
        id (str):
        text (str): In the language asked for (`lang`)
        text_en (str):
        text_sv (str):
    """

    id: str
    text: str
    text_en: str
    text_sv: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        text = self.text

        text_en = self.text_en

        text_sv = self.text_sv

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "text": text,
                "text_en": text_en,
                "text_sv": text_sv,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        text = d.pop("text")

        text_en = d.pop("text_en")

        text_sv = d.pop("text_sv")

        condition_answer = cls(
            id=id,
            text=text,
            text_en=text_en,
            text_sv=text_sv,
        )

        condition_answer.additional_properties = d
        return condition_answer

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
