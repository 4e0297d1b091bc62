from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appointment_answer import AppointmentAnswer
from ...models.cancel_mine_problem_409 import CancelMineProblem409
from ...models.cancel_mine_problem_422 import CancelMineProblem422
from ...models.cancel_request import CancelRequest
from ...models.get_one_problem_404 import GetOneProblem404
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.hold_problem_400 import HoldProblem400
from ...models.problem_401 import Problem401
from ...models.problem_408 import Problem408
from ...models.problem_413 import Problem413
from ...models.problem_429 import Problem429
from ...models.problem_500 import Problem500
from ...types import UNSET, Response, Unset


def _get_kwargs(
    appointment_id: UUID,
    *,
    body: CancelRequest | None | Unset = UNSET,
    prefer: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(prefer, Unset):
        headers["prefer"] = prefer

    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/appointments/{appointment_id}/cancel".format(
            appointment_id=quote(str(appointment_id), safe=""),
        ),
    }

    if isinstance(body, CancelRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AppointmentAnswer
    | CancelMineProblem409
    | CancelMineProblem422
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
    | None
):
    if response.status_code == 200:
        response_200 = AppointmentAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HoldProblem400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GuideResultProblem403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GetOneProblem404.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem408.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = CancelMineProblem409.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem413.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = CancelMineProblem422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem429.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem500.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = GuideResultProblem503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    AppointmentAnswer
    | CancelMineProblem409
    | CancelMineProblem422
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | None | Unset = UNSET,
    prefer: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    AppointmentAnswer
    | CancelMineProblem409
    | CancelMineProblem422
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
]:
    """Cancel Mine

    Args:
        appointment_id (UUID):
        prefer (None | str | Unset): `wait=N` (RFC 7240): wait up to N seconds (at most the
            service's limit) for VAS's answer.
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentAnswer | CancelMineProblem409 | CancelMineProblem422 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
        body=body,
        prefer=prefer,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | None | Unset = UNSET,
    prefer: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    AppointmentAnswer
    | CancelMineProblem409
    | CancelMineProblem422
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
    | None
):
    """Cancel Mine

    Args:
        appointment_id (UUID):
        prefer (None | str | Unset): `wait=N` (RFC 7240): wait up to N seconds (at most the
            service's limit) for VAS's answer.
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentAnswer | CancelMineProblem409 | CancelMineProblem422 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500
    """

    return sync_detailed(
        appointment_id=appointment_id,
        client=client,
        body=body,
        prefer=prefer,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | None | Unset = UNSET,
    prefer: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    AppointmentAnswer
    | CancelMineProblem409
    | CancelMineProblem422
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
]:
    """Cancel Mine

    Args:
        appointment_id (UUID):
        prefer (None | str | Unset): `wait=N` (RFC 7240): wait up to N seconds (at most the
            service's limit) for VAS's answer.
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentAnswer | CancelMineProblem409 | CancelMineProblem422 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
        body=body,
        prefer=prefer,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | None | Unset = UNSET,
    prefer: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    AppointmentAnswer
    | CancelMineProblem409
    | CancelMineProblem422
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
    | None
):
    """Cancel Mine

    Args:
        appointment_id (UUID):
        prefer (None | str | Unset): `wait=N` (RFC 7240): wait up to N seconds (at most the
            service's limit) for VAS's answer.
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentAnswer | CancelMineProblem409 | CancelMineProblem422 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500
    """

    return (
        await asyncio_detailed(
            appointment_id=appointment_id,
            client=client,
            body=body,
            prefer=prefer,
            authorization=authorization,
        )
    ).parsed
