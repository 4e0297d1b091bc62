from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clinic_answer import ClinicAnswer
from ...models.clinic_problem_404 import ClinicProblem404
from ...models.clinic_problem_422 import ClinicProblem422
from ...models.clinics_problem_503 import ClinicsProblem503
from ...models.problem_500 import Problem500
from ...types import Response


def _get_kwargs(
    hsa_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/clinics/{hsa_id}".format(
            hsa_id=quote(str(hsa_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500 | None:
    if response.status_code == 200:
        response_200 = ClinicAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = ClinicProblem404.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ClinicProblem422.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = Problem500.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ClinicsProblem503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500]:
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
) -> Response[ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500]:
    """One clinic

    Args:
        hsa_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500]
    """

    kwargs = _get_kwargs(
        hsa_id=hsa_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500 | None:
    """One clinic

    Args:
        hsa_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500
    """

    return sync_detailed(
        hsa_id=hsa_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500]:
    """One clinic

    Args:
        hsa_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500]
    """

    kwargs = _get_kwargs(
        hsa_id=hsa_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    hsa_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500 | None:
    """One clinic

    Args:
        hsa_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicAnswer | ClinicProblem404 | ClinicProblem422 | ClinicsProblem503 | Problem500
    """

    return (
        await asyncio_detailed(
            hsa_id=hsa_id,
            client=client,
        )
    ).parsed
