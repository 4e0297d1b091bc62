"""Settings of the development IdP (environment variables prefixed ``IDP_``)."""

from pathlib import Path
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class IdpSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="IDP_", extra="ignore", env_file=None, populate_by_name=True)
    service: ClassVar[str] = "idp"
    # Anyone can mint any identity here, so it must never be reachable in production.
    development_only: ClassVar[bool] = True
    uses_database: ClassVar[bool] = False
    uses_broker: ClassVar[bool] = False

    port: int = 8099
    issuer: str = "http://127.0.0.1:8099"
    audience: str = "tidbok"
    token_lifetime_s: int = Field(default=3600, ge=1, le=86400)
    # A PEM file that must exist; it is only ever read.
    private_key_path: Path | None = None
    # Read if it exists, otherwise generated and written there, so a restarted IdP keeps
    # its key and tokens (and JWKS caches) from before the restart stay valid.
    key_file: Path | None = None

    @model_validator(mode="after")
    def _one_key_source(self) -> "IdpSettings":
        if self.private_key_path is not None and self.key_file is not None:
            raise ValueError("set at most one of IDP_PRIVATE_KEY_PATH and IDP_KEY_FILE")
        return self
