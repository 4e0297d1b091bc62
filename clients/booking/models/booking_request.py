from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingRequest")


@_attrs_define
class BookingRequest:
    """
    Attributes:
        slot_id (str):
        confirmed_conditions (list[str] | Unset):
        guide_ticket (None | str | Unset):
        invitation_code (None | str | Unset):
        reason (None | str | Unset):
        self_declared_group (None | str | Unset):
    """

    slot_id: str
    confirmed_conditions: list[str] | Unset = UNSET
    guide_ticket: None | str | Unset = UNSET
    invitation_code: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    self_declared_group: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        slot_id = self.slot_id

        confirmed_conditions: list[str] | Unset = UNSET
        if not isinstance(self.confirmed_conditions, Unset):
            confirmed_conditions = self.confirmed_conditions

        guide_ticket: None | str | Unset
        if isinstance(self.guide_ticket, Unset):
            guide_ticket = UNSET
        else:
            guide_ticket = self.guide_ticket

        invitation_code: None | str | Unset
        if isinstance(self.invitation_code, Unset):
            invitation_code = UNSET
        else:
            invitation_code = self.invitation_code

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        self_declared_group: None | str | Unset
        if isinstance(self.self_declared_group, Unset):
            self_declared_group = UNSET
        else:
            self_declared_group = self.self_declared_group

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slot_id": slot_id,
            }
        )
        if confirmed_conditions is not UNSET:
            field_dict["confirmed_conditions"] = confirmed_conditions
        if guide_ticket is not UNSET:
            field_dict["guide_ticket"] = guide_ticket
        if invitation_code is not UNSET:
            field_dict["invitation_code"] = invitation_code
        if reason is not UNSET:
            field_dict["reason"] = reason
        if self_declared_group is not UNSET:
            field_dict["self_declared_group"] = self_declared_group

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slot_id = d.pop("slot_id")

        confirmed_conditions = cast(list[str], d.pop("confirmed_conditions", UNSET))

        def _parse_guide_ticket(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        guide_ticket = _parse_guide_ticket(d.pop("guide_ticket", UNSET))

        def _parse_invitation_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invitation_code = _parse_invitation_code(d.pop("invitation_code", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_self_declared_group(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        self_declared_group = _parse_self_declared_group(d.pop("self_declared_group", UNSET))

        booking_request = cls(
            slot_id=slot_id,
            confirmed_conditions=confirmed_conditions,
            guide_ticket=guide_ticket,
            invitation_code=invitation_code,
            reason=reason,
            self_declared_group=self_declared_group,
        )

        return booking_request
