"""Every response an operation can give, in its OpenAPI: the refusals a route declares
(`refusals(...)`, from the service's error catalogue) and the ones the shared edge adds to every
route (a login, a body, parameters, the database), each status as `application/problem+json`
with a schema whose `code` is an enum of exactly those codes, and an example. Generated, never
written per route by hand."""

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from shared.errors import CommonCode, ErrorCode
from shared.problems import PROBLEM_JSON

_CODES = "x-tidbok-codes"
_METHODS = ("get", "post", "put", "patch", "delete")
RETRY_AFTER = {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}


def body_of(media_type: str, description: str) -> dict[str, Any]:
    """A route's `openapi_extra=` when it reads a body that is not JSON (e.g. a CSV import)."""
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {media_type: {"schema": {"type": "string"}}},
        }
    }


def answers(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    """A route's success answer when it is not JSON (CSV, PDF): merge into its `responses=`."""
    return {200: {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}}


def refusals(*codes: ErrorCode) -> dict[int | str, dict[str, Any]]:
    """A route's `responses=`: the refusals its use case can answer."""
    by_status: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        by_status.setdefault(code.status, {"description": "", _CODES: []})[_CODES].append(code.name)
    return by_status


def _problem(codes: list[ErrorCode]) -> dict[str, Any]:
    first = codes[0]
    example = {
        "type": f"urn:tidbok:problem:{first.name.lower().replace('_', '-')}",
        "title": first.name.replace("_", " ").capitalize(),
        "status": first.status,
        "code": first.name,
        "detail": first.en,
        "detail_sv": first.sv,
    }
    schema = {
        "type": "object",
        "required": ["type", "title", "status", "code", "detail", "detail_sv"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer", "const": first.status},
            "code": {"type": "string", "enum": sorted(c.name for c in codes)},
            "detail": {"type": "string", "description": "English"},
            "detail_sv": {"type": "string", "description": "Swedish"},
            "instance": {"type": "string"},
        },
        "additionalProperties": True,
    }
    response: dict[str, Any] = {
        "description": " / ".join(sorted(c.name for c in codes)),
        "content": {PROBLEM_JSON: {"schema": schema, "example": example}},
    }
    if first.status in (429, 503):
        response["headers"] = {"Retry-After": RETRY_AFTER}
    if first.status == 401:
        response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    return response


def _edge_codes(operation: dict[str, Any], *, public: bool, admission: bool) -> list[ErrorCode]:
    """What the shared edge may answer on this operation, whatever its use case does."""
    codes: list[ErrorCode] = [CommonCode.INVALID_CHARACTERS, CommonCode.INTERNAL_ERROR, CommonCode.SERVICE_UNAVAILABLE]
    headers = {p["name"].lower() for p in operation.get("parameters", []) if p.get("in") == "header"}
    if not public or "authorization" in headers:
        # A public route that reads an optional login refuses a bad one like any other.
        codes += [CommonCode.UNAUTHORIZED, CommonCode.FORBIDDEN, CommonCode.IDENTITY_PROVIDER_UNAVAILABLE]
    if operation.get("parameters") or "requestBody" in operation:
        codes.append(CommonCode.INVALID_REQUEST)
    queries = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
    if "cursor" in queries:  # every list pages the same way (shared/web/paging.py)
        codes.append(CommonCode.INVALID_CURSOR)
    if queries & {"from", "to"}:
        codes.append(CommonCode.INVALID_TIME_RANGE)
    if "requestBody" in operation:
        codes += [CommonCode.PAYLOAD_TOO_LARGE, CommonCode.REQUEST_TIMEOUT]
        if "application/json" in operation["requestBody"].get("content", {}):
            codes.append(CommonCode.MALFORMED_JSON)
    if admission:  # every request but the health probes queues for admission
        codes.append(CommonCode.SERVICE_BUSY)
    return codes


def document_problems(
    app: FastAPI, *, catalogues: Iterable[type[ErrorCode]], public: Iterable[tuple[str, str]], admission: bool
) -> None:
    """Build the app's OpenAPI once, with every operation's problem responses."""
    every: list[type[ErrorCode]] = [CommonCode, *catalogues]
    known: dict[str, ErrorCode] = {c.name: c for catalogue in every for c in catalogue}
    open_routes = {(method.lower(), path) for method, path in public}

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path, item in schema.get("paths", {}).items():
            for method in _METHODS:
                if method in item:
                    _complete(item[method], known, public=(method, path) in open_routes, admission=admission)
        schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
        schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
        _name_problems(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _complete(operation: dict[str, Any], known: dict[str, ErrorCode], *, public: bool, admission: bool) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    declared: dict[int, list[ErrorCode]] = {}
    for status, response in list(responses.items()):
        names = response.pop(_CODES, None)
        if names is not None:
            unknown = [n for n in names if n not in known]
            if unknown:
                raise ValueError(f"codes not in the app's catalogues: {unknown}")
            declared.setdefault(int(status), []).extend(known[n] for n in names)
        elif status == "422":  # FastAPI's own validation answer: ours is problem+json
            del responses[status]
    for code in _edge_codes(operation, public=public, admission=admission):
        declared.setdefault(code.status, []).append(code)
    for answered, codes in sorted(declared.items()):
        unique = list({c.name: c for c in codes}.values())
        responses[str(answered)] = _problem(unique)


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def _name_problems(schema: dict[str, Any]) -> None:
    """Move the problem schemas into `components` under stable names, one per distinct set of codes:
    `Problem401` where every operation answers that status with the same codes, else
    `<FirstOperation>Problem409` (so generated clients get a few named types, not one per route)."""
    uses: dict[tuple[int, tuple[str, ...]], list[dict[str, Any]]] = {}
    for item in schema.get("paths", {}).values():
        for method in _METHODS:
            for status, response in item.get(method, {}).get("responses", {}).items():
                content = response.get("content", {}).get(PROBLEM_JSON)
                if content is None or "$ref" in content["schema"]:
                    continue
                codes = tuple(content["schema"]["properties"]["code"]["enum"])
                content["x-operation"] = item[method].get("operationId", "")
                uses.setdefault((int(status), codes), []).append(content)
    sets_per_status: dict[int, int] = {}
    for status, _ in uses:
        sets_per_status[status] = sets_per_status.get(status, 0) + 1
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for (status, _codes), contents in sorted(uses.items()):
        first = contents[0]["x-operation"]
        name = f"Problem{status}" if sets_per_status[status] == 1 else f"{_camel(first)}Problem{status}"
        if name in components:  # two routes named alike: their types would overwrite each other
            raise ValueError(f"the OpenAPI component {name} is defined twice: give the routes distinct names")
        components[name] = contents[0]["schema"]
        for content in contents:
            del content["x-operation"]
            content["schema"] = {"$ref": f"#/components/schemas/{name}"}
