"""When what the console reads is away: RabbitMQ's management API or VAS sync. The JSON API
answers problem+json 503/502; a page says so in a banner (a wall screen must not keep showing
the last good state as if it were now)."""

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from services.ops_console.adapters.rabbit_api import BrokerUnavailable
from services.ops_console.usecases.console import VasSyncUnreachable
from shared.errors import CommonCode
from shared.problems import Problem, problem_response

AWAY = (
    "RabbitMQ:s hanterings-API svarar inte — siffrorna kan inte visas just nu.",
    "RabbitMQ's management API does not answer: no figures can be shown right now.",
)


def install(app: FastAPI) -> None:
    async def broker_away(request: Request, _: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return problem_response(
                Problem.of(
                    CommonCode.SERVICE_UNAVAILABLE, detail_en=AWAY[1], detail_sv=AWAY[0], headers={"Retry-After": "5"}
                )
            )
        html = f'<p class="bad big" role="alert">⚠ {AWAY[0]} <span lang="en">{AWAY[1]}</span></p>'
        return HTMLResponse(html if request.headers.get("x-fragment") == "1" else _page(html), status_code=503)

    async def vas_sync_away(_: Request, exc: Exception) -> Response:
        return problem_response(
            Problem.of(
                CommonCode.SERVICE_UNAVAILABLE,
                detail_en=f"VAS sync did not answer ({exc}).",
                detail_sv=f"VAS sync svarade inte ({exc}).",
            )
        )

    app.add_exception_handler(BrokerUnavailable, broker_away)
    app.add_exception_handler(VasSyncUnreachable, vas_sync_away)


def _page(body: str) -> str:
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Tidbok ops</title>'
        '<link rel="stylesheet" href="/static/console.css"></head><body><main>'
        f'{body}<p><a href="">Försök igen / Try again</a></p></main></body></html>'
    )
