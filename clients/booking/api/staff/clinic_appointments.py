import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.guide_result_problem_403 import GuideResultProblem403
from ...models.guide_result_problem_503 import GuideResultProblem503
from ...models.problem_401 import Problem401
from ...models.problem_500 import Problem500
from ...models.search_problem_400 import SearchProblem400
from ...models.search_problem_422 import SearchProblem422
from ...models.staff_appointment_page import StaffAppointmentPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    clinic: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    params: dict[str, Any] = {}

    params["clinic"] = clinic

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/staff/appointments",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | StaffAppointmentPage
    | None
):
    if response.status_code == 200:
        response_200 = StaffAppointmentPage.from_dict(response.json())

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
        response_422 = SearchProblem422.from_dict(response.json())

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
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | StaffAppointmentPage
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
    clinic: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    authorization: None | str | Unset = UNSET,
) -> Response[
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | StaffAppointmentPage
]:
    """A clinic's appointments (personnummer masked; the read is audited)

     By start time, from `from` (default: the start of today) to `to` (default 31 days later), a page of
    `limit` at a time.

    Args:
        clinic (str):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | StaffAppointmentPage]
    """

    kwargs = _get_kwargs(
        clinic=clinic,
        from_=from_,
        to=to,
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
    clinic: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    authorization: None | str | Unset = UNSET,
) -> (
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | StaffAppointmentPage
    | None
):
    """A clinic's appointments (personnummer masked; the read is audited)

     By start time, from `from` (default: the start of today) to `to` (default 31 days later), a page of
    `limit` at a time.

    Args:
        clinic (str):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | StaffAppointmentPage
    """

    return sync_detailed(
        client=client,
        clinic=clinic,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    clinic: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    authorization: None | str | Unset = UNSET,
) -> Response[
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | StaffAppointmentPage
]:
    """A clinic's appointments (personnummer masked; the read is audited)

     By start time, from `from` (default: the start of today) to `to` (default 31 days later), a page of
    `limit` at a time.

    Args:
        clinic (str):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | StaffAppointmentPage]
    """

    kwargs = _get_kwargs(
        clinic=clinic,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    clinic: str,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    authorization: None | str | Unset = UNSET,
) -> (
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | StaffAppointmentPage
    | None
):
    """A clinic's appointments (personnummer masked; the read is audited)

     By start time, from `from` (default: the start of today) to `to` (default 31 days later), a page of
    `limit` at a time.

    Args:
        clinic (str):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | StaffAppointmentPage
    """

    return (
        await asyncio_detailed(
            client=client,
            clinic=clinic,
            from_=from_,
            to=to,
            cursor=cursor,
            limit=limit,
            authorization=authorization,
        )
    ).parsed
