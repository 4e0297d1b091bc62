"""Request bodies. Unknown fields are refused so a typo cannot silently change a booking."""

from pydantic import ConfigDict, Field

from shared.request import RequestModel


class _Strict(RequestModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BookingRequest(_Strict):
    slot_id: str = Field(min_length=1, max_length=200)
    confirmed_conditions: list[str] = Field(default_factory=list, max_length=50)
    reason: str | None = Field(default=None, max_length=500)
    invitation_code: str | None = Field(default=None, max_length=100)
    guide_ticket: str | None = Field(default=None, max_length=300)
    # Only where the campaign allows self-declaration: the group the resident says they belong to.
    self_declared_group: str | None = Field(default=None, max_length=64)


class CancelRequest(_Strict):
    reason: str | None = Field(default=None, max_length=500)


class RescheduleRequest(_Strict):
    slot_id: str = Field(min_length=1, max_length=200)
    confirmed_conditions: list[str] = Field(default_factory=list, max_length=50)
    # Required where the time type's rescheduling rule says so (`REASON_REQUIRED`).
    reason: str | None = Field(default=None, max_length=500)


class StaffBookingRequest(_Strict):
    personnummer: str = Field(min_length=10, max_length=13)
    slot_id: str = Field(min_length=1, max_length=200)
    control_questions_answered: bool
    reason: str | None = Field(default=None, max_length=500)
    invitation_code: str | None = Field(default=None, max_length=100)
    # The resident's names as the population register has them: a journal system that speaks
    # crm:scheduling requires them in MakeBooking (without, VAS sync rejects SUBJECT_NAME_MISSING).
    given_name: str | None = Field(default=None, min_length=1, max_length=100)
    family_name: str | None = Field(default=None, min_length=1, max_length=100)


class ClosureRequest(_Strict):
    clinic_hsa_id: str | None = Field(default=None, max_length=64)
    time_type_code: str | None = Field(default=None, max_length=64)
    message_sv: str = Field(min_length=1, max_length=1000)
    message_en: str = Field(min_length=1, max_length=1000)
    phone: str = Field(min_length=3, max_length=40)


class RolloutRequest(_Strict):
    web_booking_enabled: bool


class StaffLinkBookingRequest(_Strict):
    """A staff member books their own vaccination through the staff-only link."""

    personnummer: str = Field(min_length=10, max_length=13)
    slot_id: str = Field(min_length=1, max_length=200)
    confirmed_conditions: list[str] = Field(default_factory=list, max_length=50)
    # The resident's names as the population register has them: a journal system that speaks
    # crm:scheduling requires them in MakeBooking (without, VAS sync rejects SUBJECT_NAME_MISSING).
    given_name: str | None = Field(default=None, min_length=1, max_length=100)
    family_name: str | None = Field(default=None, min_length=1, max_length=100)


class HoldRequest(_Strict):
    invitation_code: str | None = Field(default=None, max_length=100)
    guide_ticket: str | None = Field(default=None, max_length=300)  # for a hidden time type
