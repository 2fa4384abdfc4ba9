"""The OpenAPI description as a generated client reads it, and HEAD wherever GET is answered."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from charterwatch.errors import E


def _operations(schema: dict[str, object]) -> list[tuple[str, str, dict[str, object]]]:
    paths = schema["paths"]
    assert isinstance(paths, dict)
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def test_the_schema_is_valid_openapi_with_short_unique_operation_ids(web_app: FastAPI) -> None:
    schema = web_app.openapi()
    validate(schema)  # openapi-spec-validator: the whole document against the OpenAPI 3.1 schema
    ids = [op["operationId"] for _, _, op in _operations(schema)]
    assert len(ids) == len(set(ids)) and len(ids) >= 30
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) and "__" not in i and "_api_" not in i for i in ids), ids
    assert {"api_incident", "submit_json", "api_compare", "login_post"} <= set(ids)


def test_every_operation_declares_the_error_body_and_signing_in(web_app: FastAPI) -> None:
    schema = web_app.openapi()
    assert schema["components"]["securitySchemes"]["bearer"] == {
        **schema["components"]["securitySchemes"]["bearer"],
        "type": "http",
        "scheme": "bearer",
    }
    assert {} in schema["security"] and {"bearer": []} in schema["security"]
    error = {"$ref": "#/components/schemas/ErrorBody"}
    statuses = {str(spec.value.http_status) for spec in E} - {"405", "409", "415", "500"}  # rest: default
    for method, path, op in _operations(schema):
        responses = op["responses"]
        assert isinstance(responses, dict)
        for status in [*statuses, "default"]:
            assert responses[status]["content"]["application/json"]["schema"] == error, (method, path, status)
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_head_is_answered_wherever_get_is(client: TestClient) -> None:
    for path in ("/", "/api/", "/incidents", "/api/texts", "/static/style.css"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
        if "content-length" in got.headers:
            assert head.headers["content-length"] == got.headers["content-length"], path
    assert client.head("/no-such-page").status_code == 404
    assert client.post("/api/texts").status_code == 405
