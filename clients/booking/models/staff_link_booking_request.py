from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StaffLinkBookingRequest")


@_attrs_define
class StaffLinkBookingRequest:
    """A staff member books their own vaccination through the staff-only link.

    Attributes:
        personnummer (str):
        slot_id (str):
        confirmed_conditions (list[str] | Unset):
        family_name (None | str | Unset):
        given_name (None | str | Unset):
    """

    personnummer: str
    slot_id: str
    confirmed_conditions: list[str] | Unset = UNSET
    family_name: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        personnummer = self.personnummer

        slot_id = self.slot_id

        confirmed_conditions: list[str] | Unset = UNSET
        if not isinstance(self.confirmed_conditions, Unset):
            confirmed_conditions = self.confirmed_conditions

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        given_name: None | str | Unset
        if isinstance(self.given_name, Unset):
            given_name = UNSET
        else:
            given_name = self.given_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "personnummer": personnummer,
                "slot_id": slot_id,
            }
        )
        if confirmed_conditions is not UNSET:
            field_dict["confirmed_conditions"] = confirmed_conditions
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if given_name is not UNSET:
            field_dict["given_name"] = given_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        personnummer = d.pop("personnummer")

        slot_id = d.pop("slot_id")

        confirmed_conditions = cast(list[str], d.pop("confirmed_conditions", UNSET))

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

        def _parse_given_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        given_name = _parse_given_name(d.pop("given_name", UNSET))

        staff_link_booking_request = cls(
            personnummer=personnummer,
            slot_id=slot_id,
            confirmed_conditions=confirmed_conditions,
            family_name=family_name,
            given_name=given_name,
        )

        return staff_link_booking_request
