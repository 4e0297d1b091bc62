"""A fault nobody planned for still answers problem+json, without the exception's text."""

from tests.support.booking import Api


async def test_unexpected_error_is_problem_json_without_details(api: Api) -> None:
    async def boom() -> None:
        raise RuntimeError("secret detail 19121212-1212")

    api.app.add_api_route("/test-boom", boom)
    # A route that forgot its login dependency is still closed to strangers (default deny).
    assert (await api.http.get("/test-boom")).status_code == 401
    _, me = await api.resident()
    response = await api.http.get("/test-boom", headers=me)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "INTERNAL_ERROR"
    assert response.json()["detail_sv"]
    assert "1212" not in response.text
    assert "secret" not in response.text
