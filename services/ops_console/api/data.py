"""The console's JSON API (what the pages refresh from; usable with a Bearer token too). Every
route needs the operations role; no answer carries a personnummer (masked)."""

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from pydantic import Field

from services.ops_console.api.session import OperatorDep
from services.ops_console.api.views import family_view, flow_view
from services.ops_console.domain.failures import masked
from services.ops_console.usecases.console import Console, InSeveralQueues, NotFound
from shared.errors import CommonCode
from shared.problems import Problem
from shared.request import RequestModel

router = APIRouter(prefix="/api", tags=["ops console"])
MessageId = Annotated[str, Path(pattern=r"^[A-Za-z0-9._:-]{1,128}$")]
# The consumer queue whose parked copy is meant (one event id may be parked by several consumers).
ConsumerQuery = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9._:-]{1,200}$")]
Action = Literal["retry", "discard"]
_PARKING_ACTION = {"retry": "replay", "discard": "discard"}


def console(request: Request) -> Console:
    found: Console = request.app.state.console
    return found


def _missing(what: str) -> Problem:
    return Problem.of(
        CommonCode.NOT_FOUND, detail_en=f"No such {what} (any more).", detail_sv=f"Finns inte (längre): {what}."
    )


@router.get("/queues")
async def queues(request: Request, _: OperatorDep) -> dict[str, Any]:
    return {"queues": [family_view(f) for f in await console(request).queues()]}


@router.get("/flow")
async def flow(request: Request, member: OperatorDep) -> dict[str, Any]:
    c = console(request)
    services = [s.view() for s in await c.service_views()]
    return {"hops": flow_view(await c.queues(), services, c.namespace, await c.vas_sync_status(member.token))}


@router.get("/failed")
async def failed_groups(request: Request, _: OperatorDep) -> dict[str, Any]:
    return {"groups": [g.view() for g in await console(request).groups()]}


@router.get("/failed/{key}")
async def failed_group(request: Request, key: Annotated[str, Path(max_length=32)], _: OperatorDep) -> dict[str, Any]:
    try:
        group, members = await console(request).group(key)
    except NotFound:
        raise _missing("group") from None
    return {
        **group.view(),
        "messages": [
            {
                "message_id": f.message.message_id,
                "attempts": f.message.attempts,
                "parked_at": f.message.parked_at,
                "reason": masked(f.message.reason),
            }
            for f in members
        ],
    }


@router.post("/failed/{key}/{action}")
async def act_on_group(
    request: Request, key: Annotated[str, Path(max_length=32)], action: Action, member: OperatorDep
) -> dict[str, Any]:
    try:
        count = await console(request).act_on_group(key, _PARKING_ACTION[action], actor_id=member.hsa_id)
    except NotFound:
        raise _missing("group") from None
    return {"action": action, "count": count}


def _in_several(queues: list[str]) -> Problem:
    return Problem.of(
        CommonCode.INVALID_REQUEST,
        detail_en="This message is parked by several consumers: name the one (`consumer`).",
        detail_sv="Meddelandet är parkerat av flera konsumenter: ange vilken (`consumer`).",
        extra={"errors": [{"field": "query.consumer", "error": "one of: " + ", ".join(queues)}]},
    )


@router.get("/messages/{message_id}")
async def message(
    request: Request, message_id: MessageId, _: OperatorDep, consumer: ConsumerQuery = None
) -> dict[str, Any]:
    try:
        return await console(request).message(message_id, consumer)
    except NotFound:
        raise _missing("message") from None
    except InSeveralQueues as several:
        raise _in_several(several.queues) from None


@router.post("/messages/{message_id}/{action}")
async def act_on_message(
    request: Request,
    message_id: MessageId,
    action: Action,
    member: OperatorDep,
    consumer: ConsumerQuery = None,
) -> dict[str, Any]:
    try:
        count = await console(request).act_on_message(
            message_id, _PARKING_ACTION[action], actor_id=member.hsa_id, queue=consumer
        )
    except NotFound:
        raise _missing("message") from None
    except InSeveralQueues as several:
        raise _in_several(several.queues) from None
    return {"action": action, "count": count}


@router.get("/services")
async def services(request: Request, member: OperatorDep) -> dict[str, Any]:
    c = console(request)
    return {
        "services": [s.view() for s in await c.service_views()],
        "vas_sync": await c.vas_sync_status(member.token),
        "notifications": await c.notifications_failed(member.token),
    }


class ReconcileRequest(RequestModel):
    clinic: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    day: date


@router.post("/reconcile")
async def reconcile(request: Request, body: Annotated[ReconcileRequest, Body()], member: OperatorDep) -> dict[str, Any]:
    status, report = await console(request).reconcile(
        member.token, clinic=body.clinic, day=body.day.isoformat(), actor_id=member.hsa_id
    )
    return {"status": status, "report": report}


@router.get("/history")
async def history(request: Request, _: OperatorDep) -> dict[str, Any]:
    c = console(request)
    return {"series": await c.store.history(request.app.state.history_span)}


@router.get("/audit")
async def audit(request: Request, _: OperatorDep) -> dict[str, Any]:
    return {"actions": await console(request).store.audited()}
