"""schemathesis against every service's OpenAPI document, over HTTP, with a resident's token and
with a staff token holding every role: no request may answer 5xx (the security review's "bad
input never a 500"; the contract issue adds the conformance checks on the same harness).

`make test` runs a few examples per operation and login; `make fuzz` runs many
(TIDBOK_FUZZ_EXAMPLES)."""

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi import checks as openapi_checks

from tests.support.fleet import Fleet
from tests.support.idp import the_idp
from tests.support.people import personnummer

EXAMPLES = int(os.environ.get("TIDBOK_FUZZ_EXAMPLES", "6"))
# make test: the same examples every run (a finding is reproducible, the suite stable); make fuzz
# (TIDBOK_FUZZ_RANDOM=1) explores new ones each run.
DERANDOMIZE = os.environ.get("TIDBOK_FUZZ_RANDOM", "") != "1"
SERVICES = [
    "booking",
    "eligibility",
    "notifications",
    "vas_sync",
    "idp",
    "vas_simulator",
    "sms_gateway",
    "mail_catcher",
    "ops_console",
]
# Services whose OpenAPI documents every response (issue 14): each answer must also conform to it
# (status listed, content type, body schema — e.g. a problem's `code` among the operation's codes).
CONFORMING = {"booking", "eligibility", "notifications"}
CHECKS = [
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]
ROLES = ["booking_staff", "clinic_staff", "regional_admin", "operations"]
CLINICS = ["SE2321000115-O10001", "SE2321000115-O10002"]


def _logins() -> dict[str, str]:
    idp = the_idp()
    staff = idp.sign(sub="SE2321000115-E9999", kind="staff", hsa_id="SE2321000115-E9999", roles=ROLES, clinics=CLINICS)
    return {"resident": idp.resident_token(personnummer()), "staff": staff}


@pytest.mark.parametrize("service", SERVICES)
def test_no_operation_answers_5xx(fleet: Fleet, service: str) -> None:
    url = fleet.urls[service]
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    logins = _logins()
    errors: list[str] = []
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert operations, f"{service} publishes no operations"
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            derandomize=DERANDOMIZE,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(), login=st.sampled_from(sorted(logins)))
        def call(case: Any, login: str) -> None:
            nonlocal calls
            calls += 1
            headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
            case.headers = headers
            response = case.call(base_url=url, headers={"Authorization": f"Bearer {logins[login]}"}, timeout=15)
            if response.status_code >= 500:
                errors.append(
                    f"{case.method} {case.formatted_path} as {login}: {response.status_code} {response.text[:200]}"
                )
            elif service in CONFORMING:
                try:
                    case.validate_response(response, checks=CHECKS)
                except Exception as failure:  # schemathesis reports a failed check as an exception group
                    errors.append(
                        f"{case.method} {case.formatted_path} as {login}: {response.status_code} "
                        f"{response.text[:160]} — {str(failure)[:300]}"
                    )

        call()
    print(f"\n{service}: {calls} calls over {len(operations)} operations, {len(errors)} 5xx or not as documented")
    assert calls >= len(operations), "every operation is called"
    assert errors == [], "\n".join(errors[:20])
