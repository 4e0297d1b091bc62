from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hold_problem_400_code import HoldProblem400Code
from ..types import UNSET, Unset

T = TypeVar("T", bound="HoldProblem400")


@_attrs_define
class HoldProblem400:
    """
    Attributes:
        code (HoldProblem400Code):
        detail (str): English
        detail_sv (str): Swedish
        status (Literal[400]):
        title (str):
        type_ (str):
        instance (str | Unset):
    """

    code: HoldProblem400Code
    detail: str
    detail_sv: str
    status: Literal[400]
    title: str
    type_: str
    instance: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        detail = self.detail

        detail_sv = self.detail_sv

        status = self.status

        title = self.title

        type_ = self.type_

        instance = self.instance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "detail_sv": detail_sv,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if instance is not UNSET:
            field_dict["instance"] = instance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = HoldProblem400Code(d.pop("code"))

        detail = d.pop("detail")

        detail_sv = d.pop("detail_sv")

        status = cast(Literal[400], d.pop("status"))
        if status != 400:
            raise ValueError(f"status must match const 400, got '{status}'")

        title = d.pop("title")

        type_ = d.pop("type")

        instance = d.pop("instance", UNSET)

        hold_problem_400 = cls(
            code=code,
            detail=detail,
            detail_sv=detail_sv,
            status=status,
            title=title,
            type_=type_,
            instance=instance,
        )

        hold_problem_400.additional_properties = d
        return hold_problem_400

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
