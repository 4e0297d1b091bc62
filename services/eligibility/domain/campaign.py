"""A campaign's rules as data: the time types it covers, phases opening at midnight
Europe/Stockholm, and the criteria of each phase. Administrators change it through the API;
every change is a new version."""

from datetime import UTC, date, datetime, time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field, model_validator

from shared.request import RequestModel

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class _Strict(RequestModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AgeCriterion(_Strict):
    kind: Literal["age"]
    min_age: int = Field(ge=0, le=130)
    # Age as of this date; None = as of the day of the decision (Stockholm).
    reference_date: date | None = None


class BirthYearsCriterion(_Strict):
    kind: Literal["birth_years"]
    first: int = Field(ge=1880, le=2100)
    last: int = Field(ge=1880, le=2100)


class RegisterCriterion(_Strict):
    kind: Literal["home_care", "household", "staff_roster", "invitation"]


Criterion = Annotated[AgeCriterion | BirthYearsCriterion | RegisterCriterion, Field(discriminator="kind")]


class Phase(_Strict):
    code: str = Field(min_length=1, max_length=64)
    name_sv: str = ""
    name_en: str = ""
    starts: date  # opens at 00:00 Europe/Stockholm that day
    criteria: list[Criterion] = Field(min_length=1)

    @property
    def opens_at(self) -> datetime:
        return datetime.combine(self.starts, time(0, 0), STOCKHOLM).astimezone(UTC)


class DoseRule(_Strict):
    time_type: str
    after: str  # the earlier dose's time type
    min_days: int = Field(ge=0, le=3650)


class Campaign(_Strict):
    code: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name_sv: str = ""
    name_en: str = ""
    time_types: list[str] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    dose_rules: list[DoseRule] = Field(default_factory=list)
    # Live (pending or booked) bookings one person may have per time type of the campaign.
    max_live_per_person: int = Field(default=1, ge=1, le=10)
    # Halland's checkbox, as an explicit switch: passes are flagged and followed up.
    self_declared_allowed: bool = False
    # Booking staff on the phone line may attest a group after control questions.
    phone_attestation_allowed: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> "Campaign":
        codes = [p.code for p in self.phases]
        if len(set(codes)) != len(codes):
            raise ValueError("phase codes must be unique")
        for rule in self.dose_rules:
            if rule.time_type not in self.time_types or rule.after not in self.time_types:
                raise ValueError("dose rules must name time types of the campaign")
        return self

    def open_phases(self, now: datetime) -> list[Phase]:
        return [p for p in self.phases if p.opens_at <= now]

    def next_phase(self, now: datetime) -> Phase | None:
        later = sorted((p for p in self.phases if p.opens_at > now), key=lambda p: p.opens_at)
        return later[0] if later else None

    def dose_rule(self, time_type: str) -> DoseRule | None:
        return next((r for r in self.dose_rules if r.time_type == time_type), None)
