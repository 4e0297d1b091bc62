from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clinic_problem_404 import ClinicProblem404
from ...models.clinic_problem_422 import ClinicProblem422
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.hold_problem_400 import HoldProblem400
from ...models.problem_401 import Problem401
from ...models.problem_408 import Problem408
from ...models.problem_413 import Problem413
from ...models.problem_500 import Problem500
from ...models.rollout_answer import RolloutAnswer
from ...models.rollout_request import RolloutRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    hsa_id: str,
    *,
    body: RolloutRequest,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/staff/clinics/{hsa_id}/web-booking".format(
            hsa_id=quote(str(hsa_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClinicProblem404
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | RolloutAnswer
    | None
):
    if response.status_code == 200:
        response_200 = RolloutAnswer.from_dict(response.json())

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
        response_404 = ClinicProblem404.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem408.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Problem413.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ClinicProblem422.from_dict(response.json())

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
    ClinicProblem404
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | RolloutAnswer
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolloutRequest,
    authorization: None | str | Unset = UNSET,
) -> Response[
    ClinicProblem404
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | RolloutAnswer
]:
    """Switch web booking on or off for a clinic (rollout)

    Args:
        hsa_id (str):
        authorization (None | str | Unset):
        body (RolloutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicProblem404 | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | RolloutAnswer]
    """

    kwargs = _get_kwargs(
        hsa_id=hsa_id,
        body=body,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolloutRequest,
    authorization: None | str | Unset = UNSET,
) -> (
    ClinicProblem404
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | RolloutAnswer
    | None
):
    """Switch web booking on or off for a clinic (rollout)

    Args:
        hsa_id (str):
        authorization (None | str | Unset):
        body (RolloutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicProblem404 | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | RolloutAnswer
    """

    return sync_detailed(
        hsa_id=hsa_id,
        client=client,
        body=body,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolloutRequest,
    authorization: None | str | Unset = UNSET,
) -> Response[
    ClinicProblem404
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | RolloutAnswer
]:
    """Switch web booking on or off for a clinic (rollout)

    Args:
        hsa_id (str):
        authorization (None | str | Unset):
        body (RolloutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicProblem404 | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | RolloutAnswer]
    """

    kwargs = _get_kwargs(
        hsa_id=hsa_id,
        body=body,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RolloutRequest,
    authorization: None | str | Unset = UNSET,
) -> (
    ClinicProblem404
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | HoldProblem400
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | RolloutAnswer
    | None
):
    """Switch web booking on or off for a clinic (rollout)

    Args:
        hsa_id (str):
        authorization (None | str | Unset):
        body (RolloutRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicProblem404 | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | HoldProblem400 | Problem401 | Problem408 | Problem413 | Problem500 | RolloutAnswer
    """

    return (
        await asyncio_detailed(
            hsa_id=hsa_id,
            client=client,
            body=body,
            authorization=authorization,
        )
    ).parsed
