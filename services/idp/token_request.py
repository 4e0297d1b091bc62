"""What `POST /token` accepts: a resident (personnummer) or a staff member (HSA-id, roles, clinics)."""

import re
from typing import Annotated, Any, Literal

from personnummer import personnummer
from pydantic import AfterValidator, ConfigDict, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from shared.request import RequestModel

Role = Literal["booking_staff", "clinic_staff", "regional_admin", "operations"]

# Loose on purpose: real HSA-ids vary after the dash; the point is to catch typos and swapped fields.
_HSA_ID = re.compile(r"SE[0-9]{10}-[A-Z0-9]+", re.ASCII | re.IGNORECASE)
# ASCII only: the `personnummer` package's `\d` would also take other scripts' digits.
_PERSONNUMMER_SHAPE = re.compile(r"([0-9]{2})?[0-9]{6}[-+]?[0-9]{4}", re.ASCII)


def _personnummer(value: str) -> str:
    value = value.strip()
    if not _PERSONNUMMER_SHAPE.fullmatch(value) or not personnummer.valid(value):
        # The message never repeats the value: callers may show it to anyone.
        raise PydanticCustomError("invalid_personnummer", "not a valid personnummer or samordningsnummer")
    return str(personnummer.parse(value).format(long_format=True))


def _hsa_id(value: str) -> str:
    value = value.strip()
    if not _HSA_ID.fullmatch(value):
        raise PydanticCustomError("invalid_hsa_id", "not an HSA-id such as SE2321000115-E123")
    # HSA-ids compare case-insensitively; one spelling in tokens spares every verifier the question.
    return value.upper()


Personnummer = Annotated[str, AfterValidator(_personnummer)]
HsaId = Annotated[str, AfterValidator(_hsa_id)]


class _TokenOptions(RequestModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = Field(default=None, min_length=1, max_length=200, repr=False)
    # Test hooks: mint a token for another audience, or one that expires almost at once.
    audience: str | None = Field(default=None, min_length=1, max_length=200)
    expires_in: int | None = Field(default=None, ge=1, le=86400)


class ResidentTokenRequest(_TokenOptions):
    # repr=False keeps it out of any log line that prints the model by accident.
    personnummer: Personnummer = Field(repr=False)
    # As the e-ID login gives them from the population register (OIDC given_name / family_name).
    given_name: str | None = Field(default=None, min_length=1, max_length=200, repr=False)
    family_name: str | None = Field(default=None, min_length=1, max_length=200, repr=False)


class StaffTokenRequest(_TokenOptions):
    hsa_id: HsaId
    roles: list[Role] = Field(min_length=1)
    clinics: list[HsaId] = Field(default_factory=list)


def _identity_kind(value: Any) -> str | None:
    if isinstance(value, ResidentTokenRequest | StaffTokenRequest):
        return "resident" if isinstance(value, ResidentTokenRequest) else "staff"
    if not isinstance(value, dict):
        return None
    resident, staff = "personnummer" in value, "hsa_id" in value
    if resident == staff:
        return None
    return "resident" if resident else "staff"


TokenRequest = Annotated[
    Annotated[ResidentTokenRequest, Tag("resident")] | Annotated[StaffTokenRequest, Tag("staff")],
    Discriminator(
        _identity_kind,
        custom_error_type="invalid_identity",
        custom_error_message="exactly one of personnummer and hsa_id is required",
    ),
]
