from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clinic_problem_422 import ClinicProblem422
from ...models.guide_result_answer import GuideResultAnswer
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_404 import GuideResultProblem404
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.problem_401 import Problem401
from ...models.problem_500 import Problem500
from ...types import UNSET, Response, Unset


def _get_kwargs(
    need_id: str,
    *,
    authorization: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    if not isinstance(accept_language, Unset):
        headers["accept-language"] = accept_language

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/guide/{need_id}".format(
            need_id=quote(str(need_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClinicProblem422
    | GuideResultAnswer
    | GuideResultProblem403
    | GuideResultProblem404
    | GuideResultProblem503
    | Problem401
    | Problem500
    | None
):
    if response.status_code == 200:
        response_200 = GuideResultAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GuideResultProblem403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = GuideResultProblem404.from_dict(response.json())

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
    | GuideResultAnswer
    | GuideResultProblem403
    | GuideResultProblem404
    | GuideResultProblem503
    | Problem401
    | Problem500
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    need_id: str,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[
    ClinicProblem422
    | GuideResultAnswer
    | GuideResultProblem403
    | GuideResultProblem404
    | GuideResultProblem503
    | Problem401
    | Problem500
]:
    """The guide's result for a need: the right time type, or whom to call

    Args:
        need_id (str):
        authorization (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicProblem422 | GuideResultAnswer | GuideResultProblem403 | GuideResultProblem404 | GuideResultProblem503 | Problem401 | Problem500]
    """

    kwargs = _get_kwargs(
        need_id=need_id,
        authorization=authorization,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    need_id: str,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> (
    ClinicProblem422
    | GuideResultAnswer
    | GuideResultProblem403
    | GuideResultProblem404
    | GuideResultProblem503
    | Problem401
    | Problem500
    | None
):
    """The guide's result for a need: the right time type, or whom to call

    Args:
        need_id (str):
        authorization (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicProblem422 | GuideResultAnswer | GuideResultProblem403 | GuideResultProblem404 | GuideResultProblem503 | Problem401 | Problem500
    """

    return sync_detailed(
        need_id=need_id,
        client=client,
        authorization=authorization,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    need_id: str,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[
    ClinicProblem422
    | GuideResultAnswer
    | GuideResultProblem403
    | GuideResultProblem404
    | GuideResultProblem503
    | Problem401
    | Problem500
]:
    """The guide's result for a need: the right time type, or whom to call

    Args:
        need_id (str):
        authorization (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicProblem422 | GuideResultAnswer | GuideResultProblem403 | GuideResultProblem404 | GuideResultProblem503 | Problem401 | Problem500]
    """

    kwargs = _get_kwargs(
        need_id=need_id,
        authorization=authorization,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    need_id: str,
    *,
    client: AuthenticatedClient | Client,
    authorization: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> (
    ClinicProblem422
    | GuideResultAnswer
    | GuideResultProblem403
    | GuideResultProblem404
    | GuideResultProblem503
    | Problem401
    | Problem500
    | None
):
    """The guide's result for a need: the right time type, or whom to call

    Args:
        need_id (str):
        authorization (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicProblem422 | GuideResultAnswer | GuideResultProblem403 | GuideResultProblem404 | GuideResultProblem503 | Problem401 | Problem500
    """

    return (
        await asyncio_detailed(
            need_id=need_id,
            client=client,
            authorization=authorization,
            accept_language=accept_language,
        )
    ).parsed
