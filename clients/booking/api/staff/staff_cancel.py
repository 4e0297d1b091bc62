from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_mine_problem_409 import CancelMineProblem409
from ...models.cancel_request import CancelRequest
from ...models.get_one_problem_404 import GetOneProblem404
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.hold_problem_400 import HoldProblem400
from ...models.problem_401 import Problem401
from ...models.problem_408 import Problem408
from ...models.problem_413 import Problem413
from ...models.problem_500 import Problem500
from ...models.staff_appointment_answer import StaffAppointmentAnswer
from ...models.staff_cancel_problem_422 import StaffCancelProblem422
from ...types import UNSET, Response, Unset


def _get_kwargs(
    appointment_id: UUID,
    *,
    body: CancelRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/staff/appointments/{appointment_id}/cancel".format(
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
    CancelMineProblem409
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | StaffAppointmentAnswer
    | StaffCancelProblem422
    | None
):
    if response.status_code == 200:
        response_200 = StaffAppointmentAnswer.from_dict(response.json())

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
        response_422 = StaffCancelProblem422.from_dict(response.json())

        return response_422

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
    CancelMineProblem409
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | StaffAppointmentAnswer
    | StaffCancelProblem422
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
    authorization: None | str | Unset = UNSET,
) -> Response[
    CancelMineProblem409
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | StaffAppointmentAnswer
    | StaffCancelProblem422
]:
    """Cancel on a resident's behalf

    Args:
        appointment_id (UUID):
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelMineProblem409 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | StaffAppointmentAnswer | StaffCancelProblem422]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
        body=body,
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
    authorization: None | str | Unset = UNSET,
) -> (
    CancelMineProblem409
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | StaffAppointmentAnswer
    | StaffCancelProblem422
    | None
):
    """Cancel on a resident's behalf

    Args:
        appointment_id (UUID):
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelMineProblem409 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | StaffAppointmentAnswer | StaffCancelProblem422
    """

    return sync_detailed(
        appointment_id=appointment_id,
        client=client,
        body=body,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    CancelMineProblem409
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | StaffAppointmentAnswer
    | StaffCancelProblem422
]:
    """Cancel on a resident's behalf

    Args:
        appointment_id (UUID):
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelMineProblem409 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | StaffAppointmentAnswer | StaffCancelProblem422]
    """

    kwargs = _get_kwargs(
        appointment_id=appointment_id,
        body=body,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    appointment_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    CancelMineProblem409
    | GetOneProblem404
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | StaffAppointmentAnswer
    | StaffCancelProblem422
    | None
):
    """Cancel on a resident's behalf

    Args:
        appointment_id (UUID):
        authorization (None | str | Unset):
        body (CancelRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelMineProblem409 | GetOneProblem404 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | StaffAppointmentAnswer | StaffCancelProblem422
    """

    return (
        await asyncio_detailed(
            appointment_id=appointment_id,
            client=client,
            body=body,
            authorization=authorization,
        )
    ).parsed
