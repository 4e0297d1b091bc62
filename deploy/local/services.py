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
        name="portal",
        module="services.portal",
        port=8090,
        urls=("http://127.0.0.1:8090/  (the patient portal, demo: log in as a test person and book)",),
    ),
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
        name="eligibility",
        module="services.eligibility",
        port=8001,
        database=True,
        urls=("http://127.0.0.1:8001/docs  (eligibility admin API: campaigns, registers, letters, follow-ups)",),
        before_start=("services.eligibility.demo.seed",),
    ),
    LocalService(
        name="booking",
        module="services.booking",
        port=8000,
        database=True,
        # Restricted time types (covid-19 vaccination) ask the eligibility service.
        env={"BOOKING_ELIGIBILITY_MODE": "rpc"},
        urls=("http://127.0.0.1:8000/docs  (booking API, OpenAPI)",),
        before_start=("services.booking.demo.seed_catalogue",),
    ),
    LocalService(
        name="vas_sync",
        module="services.vas_sync",
        port=8003,
        database=True,
        # Follows VAS's change feed: the simulator's demo times reach the booking service this way.
        urls=("http://127.0.0.1:8003/docs  (VAS sync ops, operations token: circuit, feed lag, reconciliation)",),
    ),
    LocalService(
        name="sms_gateway",
        module="services.sms_gateway",
        port=8097,
        urls=('http://127.0.0.1:8097/  (SMS gateway stand-in: the SMS "sent")',),
    ),
    LocalService(
        name="mail_catcher",
        module="services.mail_catcher",
        port=8098,
        urls=('http://127.0.0.1:8098/  (mail catcher, SMTP on 1025: the e-mail "sent")',),
    ),
    LocalService(
        name="notifications",
        module="services.notifications",
        port=8002,
        database=True,
        urls=("http://127.0.0.1:8002/docs  (notifications: contact preferences, ops view of failures)",),
    ),
    LocalService(
        name="ops_console",
        module="services.ops_console",
        port=8080,
        database=True,
        urls=("http://127.0.0.1:8080/  (ops console: flow, queues, failed messages; log in as operations)",),
    ),
)
