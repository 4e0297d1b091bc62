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
from ...models.slot_page import SlotPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    clinic: None | str | Unset = UNSET,
    time_type: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    guide_ticket: None | str | Unset = UNSET,
    invitation_code: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(authorization, Unset):
        headers["authorization"] = authorization

    params: dict[str, Any] = {}

    json_clinic: None | str | Unset
    if isinstance(clinic, Unset):
        json_clinic = UNSET
    else:
        json_clinic = clinic
    params["clinic"] = json_clinic

    json_time_type: None | str | Unset
    if isinstance(time_type, Unset):
        json_time_type = UNSET
    else:
        json_time_type = time_type
    params["time_type"] = json_time_type

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

    json_guide_ticket: None | str | Unset
    if isinstance(guide_ticket, Unset):
        json_guide_ticket = UNSET
    else:
        json_guide_ticket = guide_ticket
    params["guide_ticket"] = json_guide_ticket

    json_invitation_code: None | str | Unset
    if isinstance(invitation_code, Unset):
        json_invitation_code = UNSET
    else:
        json_invitation_code = invitation_code
    params["invitation_code"] = json_invitation_code

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/slots",
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
    | SlotPage
    | None
):
    if response.status_code == 200:
        response_200 = SlotPage.from_dict(response.json())

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
    | SlotPage
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
    clinic: None | str | Unset = UNSET,
    time_type: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    guide_ticket: None | str | Unset = UNSET,
    invitation_code: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | SlotPage
]:
    """Bookable times: only what the caller could book right now

     Anyone may list; what is listed follows who asks. Without a login or as a resident: the web's rules
    (web booking open at the clinic and for the time type, no closure in force, past the time type's
    booking deadline, not held by someone else; hidden time types only with `guide_ticket` (the guide's
    ticket for this resident) or `invitation_code`; a resident's own holds count as free and times that
    overlap their appointments are left out). Staff who book by phone: the phone line's rules, at their
    own clinics. Times are Europe/Stockholm local time with offset.

    Args:
        clinic (None | str | Unset):
        time_type (None | str | Unset):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        guide_ticket (None | str | Unset):
        invitation_code (None | str | Unset):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | SlotPage]
    """

    kwargs = _get_kwargs(
        clinic=clinic,
        time_type=time_type,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
        guide_ticket=guide_ticket,
        invitation_code=invitation_code,
        authorization=authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    clinic: None | str | Unset = UNSET,
    time_type: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    guide_ticket: None | str | Unset = UNSET,
    invitation_code: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | SlotPage
    | None
):
    """Bookable times: only what the caller could book right now

     Anyone may list; what is listed follows who asks. Without a login or as a resident: the web's rules
    (web booking open at the clinic and for the time type, no closure in force, past the time type's
    booking deadline, not held by someone else; hidden time types only with `guide_ticket` (the guide's
    ticket for this resident) or `invitation_code`; a resident's own holds count as free and times that
    overlap their appointments are left out). Staff who book by phone: the phone line's rules, at their
    own clinics. Times are Europe/Stockholm local time with offset.

    Args:
        clinic (None | str | Unset):
        time_type (None | str | Unset):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        guide_ticket (None | str | Unset):
        invitation_code (None | str | Unset):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | SlotPage
    """

    return sync_detailed(
        client=client,
        clinic=clinic,
        time_type=time_type,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
        guide_ticket=guide_ticket,
        invitation_code=invitation_code,
        authorization=authorization,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    clinic: None | str | Unset = UNSET,
    time_type: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    guide_ticket: None | str | Unset = UNSET,
    invitation_code: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> Response[
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | SlotPage
]:
    """Bookable times: only what the caller could book right now

     Anyone may list; what is listed follows who asks. Without a login or as a resident: the web's rules
    (web booking open at the clinic and for the time type, no closure in force, past the time type's
    booking deadline, not held by someone else; hidden time types only with `guide_ticket` (the guide's
    ticket for this resident) or `invitation_code`; a resident's own holds count as free and times that
    overlap their appointments are left out). Staff who book by phone: the phone line's rules, at their
    own clinics. Times are Europe/Stockholm local time with offset.

    Args:
        clinic (None | str | Unset):
        time_type (None | str | Unset):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        guide_ticket (None | str | Unset):
        invitation_code (None | str | Unset):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | SlotPage]
    """

    kwargs = _get_kwargs(
        clinic=clinic,
        time_type=time_type,
        from_=from_,
        to=to,
        cursor=cursor,
        limit=limit,
        guide_ticket=guide_ticket,
        invitation_code=invitation_code,
        authorization=authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    clinic: None | str | Unset = UNSET,
    time_type: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    guide_ticket: None | str | Unset = UNSET,
    invitation_code: None | str | Unset = UNSET,
    authorization: None | str | Unset = UNSET,
) -> (
    GuideResultProblem403
    | GuideResultProblem503
    | Problem401
    | Problem500
    | SearchProblem400
    | SearchProblem422
    | SlotPage
    | None
):
    """Bookable times: only what the caller could book right now

     Anyone may list; what is listed follows who asks. Without a login or as a resident: the web's rules
    (web booking open at the clinic and for the time type, no closure in force, past the time type's
    booking deadline, not held by someone else; hidden time types only with `guide_ticket` (the guide's
    ticket for this resident) or `invitation_code`; a resident's own holds count as free and times that
    overlap their appointments are left out). Staff who book by phone: the phone line's rules, at their
    own clinics. Times are Europe/Stockholm local time with offset.

    Args:
        clinic (None | str | Unset):
        time_type (None | str | Unset):
        from_ (datetime.datetime | None | Unset): ISO 8601; without an offset, Europe/Stockholm
            local time.
        to (datetime.datetime | None | Unset): ISO 8601, after `from` and at most 92 days from it;
            without an offset, Stockholm.
        cursor (None | str | Unset): The `next` of the previous page; omit for the first page.
        limit (int | Unset):  Default: 100.
        guide_ticket (None | str | Unset):
        invitation_code (None | str | Unset):
        authorization (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GuideResultProblem403 | GuideResultProblem503 | Problem401 | Problem500 | SearchProblem400 | SearchProblem422 | SlotPage
    """

    return (
        await asyncio_detailed(
            client=client,
            clinic=clinic,
            time_type=time_type,
            from_=from_,
            to=to,
            cursor=cursor,
            limit=limit,
            guide_ticket=guide_ticket,
            invitation_code=invitation_code,
            authorization=authorization,
        )
    ).parsed
