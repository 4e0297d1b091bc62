from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.guided_time_type import GuidedTimeType


T = TypeVar("T", bound="GuideResultAnswer")


@_attrs_define
class GuideResultAnswer:
    """
    Attributes:
        advice (str):
        call (None | str): Whom to call instead (e.g. 1177), when the need is not booked on the web
        id (str):
        time_types (list[GuidedTimeType]):
    """

    advice: str
    call: None | str
    id: str
    time_types: list[GuidedTimeType]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        advice = self.advice

        call: None | str
        call = self.call

        id = self.id

        time_types = []
        for time_types_item_data in self.time_types:
            time_types_item = time_types_item_data.to_dict()
            time_types.append(time_types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "advice": advice,
                "call": call,
                "id": id,
                "time_types": time_types,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guided_time_type import GuidedTimeType  # noqa: PLC0415

        d = dict(src_dict)
        advice = d.pop("advice")

        def _parse_call(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        call = _parse_call(d.pop("call"))

        id = d.pop("id")

        time_types = []
        _time_types = d.pop("time_types")
        for time_types_item_data in _time_types:
            time_types_item = GuidedTimeType.from_dict(time_types_item_data)

            time_types.append(time_types_item)

        guide_result_answer = cls(
            advice=advice,
            call=call,
            id=id,
            time_types=time_types,
        )

        guide_result_answer.additional_properties = d
        return guide_result_answer

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
