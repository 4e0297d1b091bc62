"""The SMS gateway stand-in (port 8097): what `make run` and the tests send SMS to."""

from fastapi import FastAPI

from services.sms_gateway import api, page
from services.sms_gateway.settings import SmsGatewaySettings
from services.sms_gateway.store import Store
from shared.web.app import build_app, run_service

SERVICE = "sms_gateway"


def create_app(settings: SmsGatewaySettings | None = None) -> FastAPI:
    settings = settings or SmsGatewaySettings()
    app = build_app(
        settings=settings,
        title="SMS gateway stand-in",
        description="Shaped like a Swedish SMS provider's REST API (46elks): POST /a1/sms with basic auth. "
        "Development only.",
        routers=[api.router, page.router],
    )
    app.state.settings = settings
    app.state.store = Store(keep=settings.keep_messages)
    return app


def main() -> None:
    run_service(create_app, SmsGatewaySettings)


if __name__ == "__main__":
    main()
