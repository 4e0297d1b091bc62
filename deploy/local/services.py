"""What `make run` starts, in order: every service that exists so far, with its port."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LocalService:
    name: str
    module: str  # runs as `python -m <module>`
    port: int | None = None
    database: bool = False
    env: dict[str, str] = field(default_factory=dict)
    urls: tuple[str, ...] = ()


SERVICES: tuple[LocalService, ...] = ()
