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
    """

    personnummer: str
    slot_id: str
    confirmed_conditions: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        personnummer = self.personnummer

        slot_id = self.slot_id

        confirmed_conditions: list[str] | Unset = UNSET
        if not isinstance(self.confirmed_conditions, Unset):
            confirmed_conditions = self.confirmed_conditions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "personnummer": personnummer,
                "slot_id": slot_id,
            }
        )
        if confirmed_conditions is not UNSET:
            field_dict["confirmed_conditions"] = confirmed_conditions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        personnummer = d.pop("personnummer")

        slot_id = d.pop("slot_id")

        confirmed_conditions = cast(list[str], d.pop("confirmed_conditions", UNSET))

        staff_link_booking_request = cls(
            personnummer=personnummer,
            slot_id=slot_id,
            confirmed_conditions=confirmed_conditions,
        )

        return staff_link_booking_request
