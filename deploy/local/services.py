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
    before_start: tuple[str, ...] = ()  # modules run once before the service starts (e.g. seeding)
    after_start: tuple[str, ...] = ()  # modules run once the service answers (e.g. demo data over AMQP)


SERVICES: tuple[LocalService, ...] = (
    LocalService(
        name="vas_simulator",
        module="services.vas_simulator",
        port=8010,
        database=True,
        urls=("http://127.0.0.1:8010/  (VAS simulator: the clinics' schedules, live)",),
        after_start=("services.vas_simulator.demo",),
    ),
    LocalService(
        name="idp",
        module="services.idp",
        port=8099,
        env={"IDP_KEY_FILE": ".run/idp-key.pem"},
        urls=("http://127.0.0.1:8099/  (development login: get a token)",),
    ),
    LocalService(
        name="booking",
        module="services.booking",
        port=8000,
        database=True,
        urls=("http://127.0.0.1:8000/docs  (booking API, OpenAPI)",),
        before_start=("services.booking.demo.seed_catalogue",),
        after_start=("services.booking.demo.publish_slots",),
    ),
)
