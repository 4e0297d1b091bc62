from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_answer_details import AuditAnswerDetails


T = TypeVar("T", bound="AuditAnswer")


@_attrs_define
class AuditAnswer:
    """
    Attributes:
        action (str):
        actor (str):
        actor_id (None | str):
        at (datetime.datetime):
        channel (str):
        details (AuditAnswerDetails):
    """

    action: str
    actor: str
    actor_id: None | str
    at: datetime.datetime
    channel: str
    details: AuditAnswerDetails
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor

        actor_id: None | str
        actor_id = self.actor_id

        at = self.at.isoformat()

        channel = self.channel

        details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "actor_id": actor_id,
                "at": at,
                "channel": channel,
                "details": details,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_answer_details import AuditAnswerDetails  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        actor = d.pop("actor")

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        channel = d.pop("channel")

        details = AuditAnswerDetails.from_dict(d.pop("details"))

        audit_answer = cls(
            action=action,
            actor=actor,
            actor_id=actor_id,
            at=at,
            channel=channel,
            details=details,
        )

        audit_answer.additional_properties = d
        return audit_answer

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
