"""schemathesis over the app's OpenAPI schema: no operation answers 5xx, anonymous or as an admin with a token.

Every JSON route is in the schema, so this walks them all with generated paths, queries and bodies over the
bundled corpus (web_fixtures' store). Few examples per operation keep it to well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.core.result import Ok

from charterwatch.store.db import session_scope
from charterwatch.web.tokens import issue_token
from charterwatch.web.users import add_user, get_user

EXAMPLES = 6


@pytest.fixture
def admin_token(web_app: FastAPI) -> str:
    with session_scope(web_app.state.engine) as session:
        add_user(session, "schema-admin", role="admin", password="schema admin password")
        return issue_token(session, get_user(session, "schema-admin"))


def _walk(app: FastAPI, headers: dict[str, str]) -> list[str]:
    """Every operation with valid and invalid inputs; returns the operations walked."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    walked = []
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            pytest.fail(f"an operation the schema cannot describe: {result.err()}")
        operation = result.ok()
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
        )

        @given(case=cases)
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
        )
        def no_server_error(case: Case) -> None:
            response = case.call(headers=headers)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} answered {response.status_code}: {response.text[:300]}"
            )

        no_server_error()
        walked.append(operation.label)
    return walked


def test_anonymous_gets_no_server_error(web_app: FastAPI) -> None:
    walked = _walk(web_app, {})
    assert "GET /api/compare/{old_ref}/{new_ref}" in walked and len(walked) >= 10


def test_admin_with_token_gets_no_server_error(web_app: FastAPI, admin_token: str) -> None:
    walked = _walk(web_app, {"Authorization": f"Bearer {admin_token}"})
    assert "GET /api/admin/audit-log" in walked
