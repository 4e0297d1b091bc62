"""The SMS gateway stand-in (port 8097): what `make run` and the tests send SMS to."""

import uvicorn
from fastapi import FastAPI

from services.sms_gateway import api, page
from services.sms_gateway.settings import SmsGatewaySettings
from services.sms_gateway.store import Store
from shared.health import health_router
from shared.logging import configure_logging

SERVICE = "sms_gateway"


def create_app(settings: SmsGatewaySettings | None = None) -> FastAPI:
    settings = settings or SmsGatewaySettings()
    app = FastAPI(
        title="SMS gateway stand-in",
        description="Shaped like a Swedish SMS provider's REST API (46elks): POST /a1/sms with basic auth.",
        version="1.0",
    )
    app.state.settings = settings
    app.state.store = Store(keep=settings.keep_messages)
    app.include_router(api.router)
    app.include_router(page.router)
    app.include_router(health_router([]))
    return app


def main() -> None:
    settings = SmsGatewaySettings()
    configure_logging(SERVICE, settings.log_level)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False)


if __name__ == "__main__":
    main()
