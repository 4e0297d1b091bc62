from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clinics_problem_422 import ClinicsProblem422
from ...models.clinics_problem_503 import ClinicsProblem503
from ...models.problem_500 import Problem500
from ...models.web_booking_closed_page import WebBookingClosedPage
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/web-booking-closures",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage | None:
    if response.status_code == 200:
        response_200 = WebBookingClosedPage.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = ClinicsProblem422.from_dict(response.json())

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
) -> Response[ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage]:
    """Where web booking is closed now, with the region's message and phone number

     Public, like the notice on the region's web page: the whole region (no clinic and no time type), one
    clinic, or one time type. Who closed it is for staff only (`/v1/staff/closures`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage | None:
    """Where web booking is closed now, with the region's message and phone number

     Public, like the notice on the region's web page: the whole region (no clinic and no time type), one
    clinic, or one time type. Who closed it is for staff only (`/v1/staff/closures`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage]:
    """Where web booking is closed now, with the region's message and phone number

     Public, like the notice on the region's web page: the whole region (no clinic and no time type), one
    clinic, or one time type. Who closed it is for staff only (`/v1/staff/closures`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage | None:
    """Where web booking is closed now, with the region's message and phone number

     Public, like the notice on the region's web page: the whole region (no clinic and no time type), one
    clinic, or one time type. Who closed it is for staff only (`/v1/staff/closures`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClinicsProblem422 | ClinicsProblem503 | Problem500 | WebBookingClosedPage
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
