from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HoldRequest")


@_attrs_define
class HoldRequest:
    """
    Attributes:
        guide_ticket (None | str | Unset):
        invitation_code (None | str | Unset):
    """

    guide_ticket: None | str | Unset = UNSET
    invitation_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if guide_ticket is not UNSET:
            field_dict["guide_ticket"] = guide_ticket
        if invitation_code is not UNSET:
            field_dict["invitation_code"] = invitation_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        hold_request = cls(
            guide_ticket=guide_ticket,
            invitation_code=invitation_code,
        )

        return hold_request
