from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.hold_answer import HoldAnswer
from ...models.hold_problem_400 import HoldProblem400
from ...models.hold_problem_403 import HoldProblem403
from ...models.hold_problem_404 import HoldProblem404
from ...models.hold_problem_409 import HoldProblem409
from ...models.hold_problem_422 import HoldProblem422
from ...models.hold_problem_503 import HoldProblem503
from ...models.hold_request import HoldRequest
from ...models.problem_401 import Problem401
from ...models.problem_408 import Problem408
from ...models.problem_413 import Problem413
from ...models.problem_429 import Problem429
from ...models.problem_500 import Problem500
from ...types import UNSET, Response, Unset


def _get_kwargs(
    slot_id: str,
    *,
    body: HoldRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/slots/{slot_id}/hold".format(
            slot_id=quote(str(slot_id), safe=""),
        ),
    }

    if isinstance(body, HoldRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    HoldAnswer
    | HoldProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem409
    | HoldProblem422
    | HoldProblem503
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
    | None
):
    if response.status_code == 200:
        response_200 = HoldAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HoldProblem400.from_dict(response.json())

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
        response_409 = HoldProblem409.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem413.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = HoldProblem422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem429.from_dict(response.json())

        return response_429

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
    HoldAnswer
    | HoldProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem409
    | HoldProblem422
    | HoldProblem503
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
    slot_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HoldRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    HoldAnswer
    | HoldProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem409
    | HoldProblem422
    | HoldProblem503
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
]:
    """Hold a time for a few minutes while you confirm the conditions

    Args:
        slot_id (str):
        authorization (None | str | Unset):
        body (HoldRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HoldAnswer | HoldProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem409 | HoldProblem422 | HoldProblem503 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500]
    """

    kwargs = _get_kwargs(
        slot_id=slot_id,
        body=body,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    slot_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HoldRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    HoldAnswer
    | HoldProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem409
    | HoldProblem422
    | HoldProblem503
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
    | None
):
    """Hold a time for a few minutes while you confirm the conditions

    Args:
        slot_id (str):
        authorization (None | str | Unset):
        body (HoldRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HoldAnswer | HoldProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem409 | HoldProblem422 | HoldProblem503 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500
    """

    return sync_detailed(
        slot_id=slot_id,
        client=client,
        body=body,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    slot_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HoldRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    HoldAnswer
    | HoldProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem409
    | HoldProblem422
    | HoldProblem503
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
]:
    """Hold a time for a few minutes while you confirm the conditions

    Args:
        slot_id (str):
        authorization (None | str | Unset):
        body (HoldRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HoldAnswer | HoldProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem409 | HoldProblem422 | HoldProblem503 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500]
    """

    kwargs = _get_kwargs(
        slot_id=slot_id,
        body=body,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    slot_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: HoldRequest | None | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    HoldAnswer
    | HoldProblem400
    | HoldProblem403
    | HoldProblem404
    | HoldProblem409
    | HoldProblem422
    | HoldProblem503
    | Problem401
    | Problem408
    | Problem413
    | Problem429
    | Problem500
    | None
):
    """Hold a time for a few minutes while you confirm the conditions

    Args:
        slot_id (str):
        authorization (None | str | Unset):
        body (HoldRequest | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HoldAnswer | HoldProblem400 | HoldProblem403 | HoldProblem404 | HoldProblem409 | HoldProblem422 | HoldProblem503 | Problem401 | Problem408 | Problem413 | Problem429 | Problem500
    """

    return (
        await asyncio_detailed(
            slot_id=slot_id,
            client=client,
            body=body,
            authorization=authorization,
        )
    ).parsed
