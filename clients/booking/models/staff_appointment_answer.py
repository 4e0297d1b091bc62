from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.staff_appointment_answer_status import StaffAppointmentAnswerStatus

T = TypeVar("T", bound="StaffAppointmentAnswer")


@_attrs_define
class StaffAppointmentAnswer:
    """
    Attributes:
        actor (str):
        actor_id (None | str):
        cancelled_by (None | str):
        channel (str):
        clinic (str):
        created_at (datetime.datetime):
        end (datetime.datetime):
        id (str):
        rejection_code (None | str):
        self_declared (bool):
        slot_id (str):
        start (datetime.datetime):
        status (StaffAppointmentAnswerStatus): `pending` until VAS has confirmed (`booked`) or refused (`rejected`)
        subject (str): The personnummer, masked
        time_type (str):
        updated_at (datetime.datetime):
        version (int):
    """

    actor: str
    actor_id: None | str
    cancelled_by: None | str
    channel: str
    clinic: str
    created_at: datetime.datetime
    end: datetime.datetime
    id: str
    rejection_code: None | str
    self_declared: bool
    slot_id: str
    start: datetime.datetime
    status: StaffAppointmentAnswerStatus
    subject: str
    time_type: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor

        actor_id: None | str
        actor_id = self.actor_id

        cancelled_by: None | str
        cancelled_by = self.cancelled_by

        channel = self.channel

        clinic = self.clinic

        created_at = self.created_at.isoformat()

        end = self.end.isoformat()

        id = self.id

        rejection_code: None | str
        rejection_code = self.rejection_code

        self_declared = self.self_declared

        slot_id = self.slot_id

        start = self.start.isoformat()

        status = self.status.value

        subject = self.subject

        time_type = self.time_type

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "actor_id": actor_id,
                "cancelled_by": cancelled_by,
                "channel": channel,
                "clinic": clinic,
                "created_at": created_at,
                "end": end,
                "id": id,
                "rejection_code": rejection_code,
                "self_declared": self_declared,
                "slot_id": slot_id,
                "start": start,
                "status": status,
                "subject": subject,
                "time_type": time_type,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor = d.pop("actor")

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        def _parse_cancelled_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancelled_by = _parse_cancelled_by(d.pop("cancelled_by"))

        channel = d.pop("channel")

        clinic = d.pop("clinic")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        end = datetime.datetime.fromisoformat(d.pop("end"))

        id = d.pop("id")

        def _parse_rejection_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rejection_code = _parse_rejection_code(d.pop("rejection_code"))

        self_declared = d.pop("self_declared")

        slot_id = d.pop("slot_id")

        start = datetime.datetime.fromisoformat(d.pop("start"))

        status = StaffAppointmentAnswerStatus(d.pop("status"))

        subject = d.pop("subject")

        time_type = d.pop("time_type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        staff_appointment_answer = cls(
            actor=actor,
            actor_id=actor_id,
            cancelled_by=cancelled_by,
            channel=channel,
            clinic=clinic,
            created_at=created_at,
            end=end,
            id=id,
            rejection_code=rejection_code,
            self_declared=self_declared,
            slot_id=slot_id,
            start=start,
            status=status,
            subject=subject,
            time_type=time_type,
            updated_at=updated_at,
            version=version,
        )

        staff_appointment_answer.additional_properties = d
        return staff_appointment_answer

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
