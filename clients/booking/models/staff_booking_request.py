from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StaffBookingRequest")


@_attrs_define
class StaffBookingRequest:
    """
    Attributes:
        control_questions_answered (bool):
        personnummer (str):
        slot_id (str):
        invitation_code (None | str | Unset):
        reason (None | str | Unset):
    """

    control_questions_answered: bool
    personnummer: str
    slot_id: str
    invitation_code: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        control_questions_answered = self.control_questions_answered

        personnummer = self.personnummer

        slot_id = self.slot_id

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "control_questions_answered": control_questions_answered,
                "personnummer": personnummer,
                "slot_id": slot_id,
            }
        )
        if invitation_code is not UNSET:
            field_dict["invitation_code"] = invitation_code
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        control_questions_answered = d.pop("control_questions_answered")

        personnummer = d.pop("personnummer")

        slot_id = d.pop("slot_id")

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

        staff_booking_request = cls(
            control_questions_answered=control_questions_answered,
            personnummer=personnummer,
            slot_id=slot_id,
            invitation_code=invitation_code,
            reason=reason,
        )

        return staff_booking_request
