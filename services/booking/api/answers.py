"""What the booking API answers, as OpenAPI schemas (the routes' `response_model`).

`views.py` builds the bodies; these models say their shape to callers, so a portal team (and the
generated client in `clients/booking`) knows every field without trying. The fuzz test checks
that answers match them. Times are ISO 8601 in Europe/Stockholm with the offset.
"""

from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

Status = Literal["pending", "booked", "rejected", "cancelled"]


class Page(BaseModel, Generic[T]):
    """One page of a list; `next` is the cursor of the next page (null: this is the last)."""

    items: list[T]
    next: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")


class ClinicAnswer(BaseModel):
    hsa_id: str
    name: str
    municipality: str
    address: str
    phone: str
    web_booking_enabled: bool


class ConditionAnswer(BaseModel):
    id: str
    text: str = Field(description="In the language asked for (`lang`)")
    text_sv: str
    text_en: str


class TimeTypeAnswer(BaseModel):
    code: str
    name: str = Field(description="In the language asked for (`lang`)")
    name_sv: str
    name_en: str
    role: str
    length_minutes: int
    mode: str
    web_bookable: bool
    hidden: bool
    restricted: bool
    max_live_per_person: int | None
    conditions: list[ConditionAnswer] = Field(description="Conditions to confirm when booking (villkorstexter)")
    information: str
    information_sv: str
    information_en: str
    rules: dict[str, Any]


class GuidedTimeType(TimeTypeAnswer):
    guide_ticket: str = Field(description="Pass to `GET /v1/slots` and the booking to reach a hidden time type")


class SlotAnswer(BaseModel):
    id: str
    clinic: str = Field(description="The clinic's HSA-id")
    time_type: str
    start: datetime
    end: datetime
    practitioner_id: str | None


class AppointmentAnswer(BaseModel):
    id: str
    status: Status = Field(description="`pending` until VAS has confirmed (`booked`) or refused (`rejected`)")
    slot_id: str
    clinic: str
    time_type: str
    start: datetime
    end: datetime
    channel: str
    actor: str
    version: int
    rejection_code: str | None
    cancelled_by: str | None
    created_at: datetime
    updated_at: datetime


class StaffAppointmentAnswer(AppointmentAnswer):
    subject: str = Field(description="The personnummer, masked")
    actor_id: str | None
    self_declared: bool


class GuideNeed(BaseModel):
    id: str
    label: str


class GuideAnswer(BaseModel):
    intro: str
    items: list[GuideNeed]
    next: None


class GuideResultAnswer(BaseModel):
    id: str
    advice: str
    call: str | None = Field(description="Whom to call instead (e.g. 1177), when the need is not booked on the web")
    time_types: list[GuidedTimeType]


class HoldAnswer(BaseModel):
    slot_id: str
    held_until: datetime


class AuditAnswer(BaseModel):
    at: datetime
    action: str
    actor: str
    actor_id: str | None
    channel: str
    details: dict[str, Any]


class ClosureAnswer(BaseModel):
    id: str
    clinic_hsa_id: str | None
    time_type_code: str | None
    message_sv: str
    message_en: str
    phone: str


class ClosureInForce(ClosureAnswer):
    closed_by: str
    closed_at: datetime


class ReopenAnswer(BaseModel):
    id: str
    reopened: bool


class RolloutAnswer(BaseModel):
    hsa_id: str
    web_booking_enabled: bool


# Named pages, so that the OpenAPI document and generated clients get readable type names.


class ClinicPage(Page[ClinicAnswer]):
    pass


class TimeTypePage(Page[TimeTypeAnswer]):
    pass


class SlotPage(Page[SlotAnswer]):
    pass


class AppointmentPage(Page[AppointmentAnswer]):
    pass


class StaffAppointmentPage(Page[StaffAppointmentAnswer]):
    pass


class AuditPage(Page[AuditAnswer]):
    pass


class ClosurePage(Page[ClosureInForce]):
    pass


class WebBookingClosedPage(Page[ClosureAnswer]):
    pass
