from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appointment_page import AppointmentPage
from ...models.clinic_problem_422 import ClinicProblem422
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.problem_401 import Problem401
from ...models.problem_500 import Problem500
from ...models.search_problem_400 import SearchProblem400
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    params: dict[str, Any] = {}

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/appointments",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AppointmentPage
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | None
):
    if response.status_code == 200:
        response_200 = AppointmentPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = SearchProblem400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GuideResultProblem403.from_dict(response.json())

        return response_403

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
    AppointmentPage
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    authorization: None | str | Unset = UNSET,
) -> Response[
    AppointmentPage
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
]:
    """All my appointments, including ones made by phone or by the clinic in VAS

    Args:
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 50.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentPage | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    authorization: None | str | Unset = UNSET,
) -> (
    AppointmentPage
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | None
):
    """All my appointments, including ones made by phone or by the clinic in VAS

    Args:
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 50.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentPage | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        limit=limit,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    authorization: None | str | Unset = UNSET,
) -> Response[
    AppointmentPage
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
]:
    """All my appointments, including ones made by phone or by the clinic in VAS

    Args:
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 50.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentPage | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        limit=limit,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    authorization: None | str | Unset = UNSET,
) -> (
    AppointmentPage
    | ClinicProblem422
    | GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | None
):
    """All my appointments, including ones made by phone or by the clinic in VAS

    Args:
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 50.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentPage | ClinicProblem422 | GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            limit=limit,
            authorization=authorization,
        )
    ).parsed
