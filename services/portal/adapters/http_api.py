"""A public API called over HTTP with the caller's own token: the portal has no other way in.
Refusals come back as `Refused` (the stable code and the API's own words in both languages)."""

from typing import Any

import httpx


class Refused(Exception):
    """The API said no: its stable code, and its words in both languages."""

    def __init__(self, status: int, code: str, detail_sv: str, detail_en: str, extra: dict[str, Any]) -> None:
        super().__init__(code)
        self.status, self.code, self.detail_sv, self.detail_en, self.extra = status, code, detail_sv, detail_en, extra


class Unreachable(Exception):
    pass


_OWN_FIELDS = ("type", "title", "status", "detail", "detail_sv", "code")


class HttpApi:
    def __init__(self, base_url: str, *, timeout_s: float) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout_s)

    async def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            answer = await self._http.request(method, path, headers=headers, **kwargs)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise Unreachable(type(exc).__name__) from None
        if answer.status_code >= 400:
            try:
                body = answer.json()
            except ValueError:
                body = {}
            if not isinstance(body, dict):
                body = {}
            raise Refused(
                answer.status_code,
                str(body.get("code", "UNKNOWN")),
                str(body.get("detail_sv") or body.get("title") or ""),
                str(body.get("detail") or body.get("title") or ""),
                {k: v for k, v in body.items() if k not in _OWN_FIELDS},
            )
        try:
            return answer.json() if answer.content else None
        except ValueError:
            raise Unreachable("not JSON") from None

    async def items(self, path: str, token: str | None = None, **params: Any) -> list[dict[str, Any]]:
        page = await self.call("GET", path, token, params={k: v for k, v in params.items() if v is not None})
        found: list[dict[str, Any]] = page["items"]
        return found

    async def close(self) -> None:
        await self._http.aclose()
