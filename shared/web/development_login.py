"""Development only: ask the development IdP for a token, as the demo pages' login does (the
real logins are the region's e-ID and SITHS). None when the IdP does not give one."""

from typing import Any

import httpx


async def development_token(url: str, claims: dict[str, Any], *, timeout_s: float = 5.0) -> str | None:
    try:
        async with httpx.AsyncClient(timeout=timeout_s) as http:
            answer = await http.post(url, json=claims)
        return str(answer.json()["access_token"]) if answer.status_code == 200 else None
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return None
