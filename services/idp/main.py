"""App factory and process entry point of the development IdP."""

import uvicorn
from fastapi import FastAPI

from services.idp.api import idp_router
from services.idp.keys import load_signing_key
from services.idp.login_page import login_page_router
from services.idp.problems import install_problem_handlers
from services.idp.settings import IdpSettings
from shared.health import health_router
from shared.logging import configure_logging, get_logger

log = get_logger(__name__)


def create_app(settings: IdpSettings) -> FastAPI:
    key = load_signing_key(settings)
    app = FastAPI(title="Tidbok development IdP", version="1")
    install_problem_handlers(app)
    app.include_router(health_router([]))
    app.include_router(idp_router(settings=settings, key=key))
    app.include_router(login_page_router(settings=settings, key=key))
    log.info("idp_ready", issuer=settings.issuer, audience=settings.audience, kid=key.kid)
    return app


def main() -> None:
    settings = IdpSettings()
    configure_logging("idp", settings.log_level)
    # log_config=None: uvicorn's own loggers go through the JSON handler configured above.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None)
