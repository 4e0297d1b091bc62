from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.condition_answer import ConditionAnswer
    from ..models.time_type_answer_rules import TimeTypeAnswerRules


T = TypeVar("T", bound="TimeTypeAnswer")


@_attrs_define
class TimeTypeAnswer:
    """
    Attributes:
        code (str):
        conditions (list[ConditionAnswer]): Conditions to confirm when booking (villkorstexter)
        hidden (bool):
        information (str):
        information_en (str):
        information_sv (str):
        length_minutes (int):
        max_live_per_person (int | None):
        mode (str):
        name (str): In the language asked for (`lang`)
        name_en (str):
        name_sv (str):
        restricted (bool):
        role (str):
        rules (TimeTypeAnswerRules):
        web_bookable (bool):
    """

    code: str
    conditions: list[ConditionAnswer]
    hidden: bool
    information: str
    information_en: str
    information_sv: str
    length_minutes: int
    max_live_per_person: int | None
    mode: str
    name: str
    name_en: str
    name_sv: str
    restricted: bool
    role: str
    rules: TimeTypeAnswerRules
    web_bookable: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        conditions = []
        for conditions_item_data in self.conditions:
            conditions_item = conditions_item_data.to_dict()
            conditions.append(conditions_item)

        hidden = self.hidden

        information = self.information

        information_en = self.information_en

        information_sv = self.information_sv

        length_minutes = self.length_minutes

        max_live_per_person: int | None
        max_live_per_person = self.max_live_per_person

        mode = self.mode

        name = self.name

        name_en = self.name_en

        name_sv = self.name_sv

        restricted = self.restricted

        role = self.role

        rules = self.rules.to_dict()

        web_bookable = self.web_bookable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "conditions": conditions,
                "hidden": hidden,
                "information": information,
                "information_en": information_en,
                "information_sv": information_sv,
                "length_minutes": length_minutes,
                "max_live_per_person": max_live_per_person,
                "mode": mode,
                "name": name,
                "name_en": name_en,
                "name_sv": name_sv,
                "restricted": restricted,
                "role": role,
                "rules": rules,
                "web_bookable": web_bookable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.condition_answer import ConditionAnswer  # noqa: PLC0415
        from ..models.time_type_answer_rules import TimeTypeAnswerRules  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        conditions = []
        _conditions = d.pop("conditions")
        for conditions_item_data in _conditions:
            conditions_item = ConditionAnswer.from_dict(conditions_item_data)

            conditions.append(conditions_item)

        hidden = d.pop("hidden")

        information = d.pop("information")

        information_en = d.pop("information_en")

        information_sv = d.pop("information_sv")

        length_minutes = d.pop("length_minutes")

        def _parse_max_live_per_person(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_live_per_person = _parse_max_live_per_person(d.pop("max_live_per_person"))

        mode = d.pop("mode")

        name = d.pop("name")

        name_en = d.pop("name_en")

        name_sv = d.pop("name_sv")

        restricted = d.pop("restricted")

        role = d.pop("role")

        rules = TimeTypeAnswerRules.from_dict(d.pop("rules"))

        web_bookable = d.pop("web_bookable")

        time_type_answer = cls(
            code=code,
            conditions=conditions,
            hidden=hidden,
            information=information,
            information_en=information_en,
            information_sv=information_sv,
            length_minutes=length_minutes,
            max_live_per_person=max_live_per_person,
            mode=mode,
            name=name,
            name_en=name_en,
            name_sv=name_sv,
            restricted=restricted,
            role=role,
            rules=rules,
            web_bookable=web_bookable,
        )

        time_type_answer.additional_properties = d
        return time_type_answer

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
