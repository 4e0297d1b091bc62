from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clinic_problem_422 import ClinicProblem422
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.problem_401 import Problem401
from ...models.problem_500 import Problem500
from ...models.reopen_answer import ReopenAnswer
from ...models.reopen_problem_404 import ReopenProblem404
from ...types import UNSET, Response, Unset


def _get_kwargs(
    closure_id: UUID,
    *,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/staff/closures/{closure_id}/reopen".format(
            closure_id=quote(str(closure_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | ReopenAnswer
    | ReopenProblem404
    | None
):
    if response.status_code == 200:
        response_200 = ReopenAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GuideResultProblem403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ReopenProblem404.from_dict(response.json())

        return response_404

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
    ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | ReopenAnswer
    | ReopenProblem404
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    closure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
) -> Response[
    ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | ReopenAnswer
    | ReopenProblem404
]:
    """Open web booking again

    Args:
        closure_id (UUID):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | ReopenAnswer | ReopenProblem404]
    """

    kwargs = _get_kwargs(
        closure_id=closure_id,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    closure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
) -> (
    ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | ReopenAnswer
    | ReopenProblem404
    | None
):
    """Open web booking again

    Args:
        closure_id (UUID):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | ReopenAnswer | ReopenProblem404
    """

    return sync_detailed(
        closure_id=closure_id,
        client=client,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    closure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
) -> Response[
    ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | ReopenAnswer
    | ReopenProblem404
]:
    """Open web booking again

    Args:
        closure_id (UUID):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | ReopenAnswer | ReopenProblem404]
    """

    kwargs = _get_kwargs(
        closure_id=closure_id,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    closure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
) -> (
    ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | ReopenAnswer
    | ReopenProblem404
    | None
):
    """Open web booking again

    Args:
        closure_id (UUID):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | ReopenAnswer | ReopenProblem404
    """

    return (
        await asyncio_detailed(
            closure_id=closure_id,
            client=client,
            authorization=authorization,
        )
    ).parsed
