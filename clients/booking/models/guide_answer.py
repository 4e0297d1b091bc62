from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.guide_need import GuideNeed


T = TypeVar("T", bound="GuideAnswer")


@_attrs_define
class GuideAnswer:
    """
    Attributes:
        intro (str):
        items (list[GuideNeed]):
        next_ (None):
    """

    intro: str
    items: list[GuideNeed]
    next_: None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        intro = self.intro

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_ = self.next_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "intro": intro,
                "items": items,
                "next": next_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guide_need import GuideNeed  # noqa: PLC0415

        d = dict(src_dict)
        intro = d.pop("intro")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = GuideNeed.from_dict(items_item_data)

            items.append(items_item)

        next_ = d.pop("next")

        guide_answer = cls(
            intro=intro,
            items=items,
            next_=next_,
        )

        guide_answer.additional_properties = d
        return guide_answer

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
