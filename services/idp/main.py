"""App factory and process entry point of the development IdP."""

from fastapi import FastAPI

from services.idp.api import idp_router
from services.idp.keys import load_signing_key
from services.idp.login_page import login_page_router
from services.idp.problems import install_problem_handlers
from services.idp.settings import IdpSettings
from shared.logging import get_logger
from shared.web.app import build_app, run_service

log = get_logger(__name__)


def create_app(settings: IdpSettings) -> FastAPI:
    key = load_signing_key(settings)
    app = build_app(
        settings=settings,
        title="Tidbok development IdP",
        description="Stands in for the region's login (1177/BankID): anyone may mint any identity here, "
        "so it never runs in production.",
        routers=[idp_router(settings=settings, key=key), login_page_router(settings=settings, key=key)],
        version="1",
    )
    install_problem_handlers(app)
    log.info("idp_ready", issuer=settings.issuer, audience=settings.audience, kid=key.kid)
    return app


def main() -> None:
    run_service(create_app, IdpSettings)
