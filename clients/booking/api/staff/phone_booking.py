from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.appointment_answer import AppointmentAnswer
from ...models.create_problem_400 import CreateProblem400
from ...models.hold_problem_403 import HoldProblem403
from ...models.hold_problem_404 import HoldProblem404
from ...models.hold_problem_503 import HoldProblem503
from ...models.phone_booking_problem_409 import PhoneBookingProblem409
from ...models.phone_booking_problem_422 import PhoneBookingProblem422
from ...models.problem_401 import Problem401
from ...models.problem_408 import Problem408
from ...models.problem_413 import Problem413
from ...models.problem_500 import Problem500
from ...models.staff_booking_request import StaffBookingRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: StaffBookingRequest,
    idempotency_key: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/staff/appointments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AppointmentAnswer
    | CreateProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem503
    | PhoneBookingProblem409
    | PhoneBookingProblem422
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | None
):
    if response.status_code == 201:
        response_201 = AppointmentAnswer.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = CreateProblem400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem401.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = HoldProblem403.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = HoldProblem404.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem408.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = PhoneBookingProblem409.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem413.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = PhoneBookingProblem422.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = Problem500.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = HoldProblem503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    AppointmentAnswer
    | CreateProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem503
    | PhoneBookingProblem409
    | PhoneBookingProblem422
    | Problem401
    | Problem408
    | Problem413
    | Problem500
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
    body: StaffBookingRequest,
    idempotency_key: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    AppointmentAnswer
    | CreateProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem503
    | PhoneBookingProblem409
    | PhoneBookingProblem422
    | Problem401
    | Problem408
    | Problem413
    | Problem500
]:
    """Book by phone on a resident's behalf

    Args:
        idempotency_key (None | str | Unset): Required: a new UUID per booking. Sent again with
            the same body, the first answer is given again and nothing is booked twice; with another
            body, 422 IDEMPOTENCY_KEY_REUSED.
        authorization (None | str | Unset):
        body (StaffBookingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentAnswer | CreateProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem503 | PhoneBookingProblem409 | PhoneBookingProblem422 | Problem401 | Problem408 | Problem413 | Problem500]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: StaffBookingRequest,
    idempotency_key: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    AppointmentAnswer
    | CreateProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem503
    | PhoneBookingProblem409
    | PhoneBookingProblem422
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | None
):
    """Book by phone on a resident's behalf

    Args:
        idempotency_key (None | str | Unset): Required: a new UUID per booking. Sent again with
            the same body, the first answer is given again and nothing is booked twice; with another
            body, 422 IDEMPOTENCY_KEY_REUSED.
        authorization (None | str | Unset):
        body (StaffBookingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentAnswer | CreateProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem503 | PhoneBookingProblem409 | PhoneBookingProblem422 | Problem401 | Problem408 | Problem413 | Problem500
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: StaffBookingRequest,
    idempotency_key: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    AppointmentAnswer
    | CreateProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem503
    | PhoneBookingProblem409
    | PhoneBookingProblem422
    | Problem401
    | Problem408
    | Problem413
    | Problem500
]:
    """Book by phone on a resident's behalf

    Args:
        idempotency_key (None | str | Unset): Required: a new UUID per booking. Sent again with
            the same body, the first answer is given again and nothing is booked twice; with another
            body, 422 IDEMPOTENCY_KEY_REUSED.
        authorization (None | str | Unset):
        body (StaffBookingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AppointmentAnswer | CreateProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem503 | PhoneBookingProblem409 | PhoneBookingProblem422 | Problem401 | Problem408 | Problem413 | Problem500]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: StaffBookingRequest,
    idempotency_key: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    AppointmentAnswer
    | CreateProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem503
    | PhoneBookingProblem409
    | PhoneBookingProblem422
    | Problem401
    | Problem408
    | Problem413
    | Problem500
    | None
):
    """Book by phone on a resident's behalf

    Args:
        idempotency_key (None | str | Unset): Required: a new UUID per booking. Sent again with
            the same body, the first answer is given again and nothing is booked twice; with another
            body, 422 IDEMPOTENCY_KEY_REUSED.
        authorization (None | str | Unset):
        body (StaffBookingRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AppointmentAnswer | CreateProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem503 | PhoneBookingProblem409 | PhoneBookingProblem422 | Problem401 | Problem408 | Problem413 | Problem500
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            authorization=authorization,
        )
    ).parsed
