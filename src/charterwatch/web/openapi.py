"""The OpenAPI description a generated client can use: stable operation ids, the two ways to sign in, errors.

FastAPI's defaults name operations after their path (``api_incident_api_incidents__incident_id__get``), say
nothing of the bearer token scripts send, and describe a 422 body the app never returns (every error is the
catalogue's ``{"error": CODE, "message": ...}``, web/handlers.py). Here the operation id is the page function's
name, unique across the app (checked when the app is made); every operation lists the error statuses any
request can meet, with that one body; and the schema declares the bearer token and the session cookie.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """Every error the app answers, in one shape (the codes and statuses are in errors.py)."""

    error: str = Field(description="The error's code in the catalogue, e.g. INCIDENT_NOT_FOUND.")
    message: str = Field(description="One line for a person to read.")
    detail: list[dict[str, Any]] | None = Field(
        default=None, description="For BAD_REQUEST: each invalid field with its location and reason."
    )


# statuses any request may meet, whatever the operation: bad input, not signed in, not allowed, limits, busy
_COMMON_ERRORS: Final = {
    "401": "Signing in is needed, or the token is unknown, revoked or expired.",
    "403": "The signed-in user may not do this, or an unsafe request lacks its CSRF token.",
    "404": "No such page or record (or not one the viewer may see).",
    "413": "The request body is larger than the app accepts.",
    "414": "The query string is longer than the app accepts.",
    "422": "A field is missing or invalid (BAD_REQUEST, with the fields in detail).",
    "429": "Too many requests from this client: retry after Retry-After seconds.",
    "503": "The store is busy: retry after Retry-After seconds.",
}
SECURITY_SCHEMES: Final = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token (`charterwatch user token new NAME`); unsafe requests need no CSRF token.",
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "charterwatch_session",
        "description": "The browser session set by POST /login; unsafe requests must send X-CSRF-Token.",
    },
}


def operation_id(route: APIRoute) -> str:
    """The page function's name: short, readable in a generated client, and unique (see ``check_unique``)."""
    return route.name


def check_unique(app: FastAPI) -> None:
    """Two routes with one function name would give two operations one id: fail when the app is made."""
    seen: dict[str, str] = {}
    for route in app.routes:
        if isinstance(route, APIRoute) and route.include_in_schema:
            key = operation_id(route)
            if key in seen:
                raise RuntimeError(f"operation id {key} is used by {seen[key]} and {route.path}")
            seen[key] = route.path


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` with one that adds the security schemes and error responses (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _schema(app)
        return app.openapi_schema

    check_unique(app)
    app.openapi = openapi  # type: ignore[method-assign]


def _schema(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        routes=app.routes,
        tags=app.openapi_tags,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["ErrorBody"] = ErrorBody.model_json_schema()
    components["securitySchemes"] = SECURITY_SCHEMES
    components["schemas"].pop("HTTPValidationError", None)  # never sent: BAD_REQUEST is an ErrorBody
    components["schemas"].pop("ValidationError", None)
    schema["security"] = [{}, {"bearer": []}, {"session": []}]  # anonymous, or either way of signing in
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in _COMMON_ERRORS.items():
                responses[status] = {"description": description, "content": body}
            responses["default"] = {"description": "Any other error of the catalogue.", "content": body}
    return schema
