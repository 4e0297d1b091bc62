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
        family_name (None | str | Unset):
        given_name (None | str | Unset):
        invitation_code (None | str | Unset):
        reason (None | str | Unset):
    """

    control_questions_answered: bool
    personnummer: str
    slot_id: str
    family_name: None | str | Unset = UNSET
    given_name: None | str | Unset = UNSET
    invitation_code: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        control_questions_answered = self.control_questions_answered

        personnummer = self.personnummer

        slot_id = self.slot_id

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
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if given_name is not UNSET:
            field_dict["given_name"] = given_name
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
            family_name=family_name,
            given_name=given_name,
            invitation_code=invitation_code,
            reason=reason,
        )

        return staff_booking_request
