"""The app as a whole: settings from the environment, the OpenAPI schema, documented routes, the vendored htmx."""

from __future__ import annotations

import hashlib
import importlib
import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from charterwatch.errors import CharterwatchError
from charterwatch.web.app import PAGE_MODULES
from charterwatch.web.render import STATIC_DIR
from charterwatch.web.settings import WebSettings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "web.md"
HTMX_SHA256 = "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"


def test_settings_come_from_the_environment() -> None:
    settings = WebSettings.from_env(
        {
            "CHARTERWATCH_SECRET_KEY": "k" * 20,
            "CHARTERWATCH_SECURE_COOKIES": "1",
            "CHARTERWATCH_RATE_LIMIT": "3",
        }
    )
    assert settings.secure_cookies is True and settings.rate_limit == 3 and settings.secret_key == "k" * 20
    assert WebSettings.from_env({}).secret_key != WebSettings.from_env({}).secret_key  # random when not set


@pytest.mark.parametrize(
    ("environ", "name"),
    [
        ({"CHARTERWATCH_SECRET_KEY": "short"}, "CHARTERWATCH_SECRET_KEY"),
        ({"CHARTERWATCH_MAX_BODY_BYTES": "lots"}, "CHARTERWATCH_MAX_BODY_BYTES"),
    ],
)
def test_bad_settings_are_one_coded_line(environ: dict[str, str], name: str) -> None:
    with pytest.raises(CharterwatchError) as caught:
        WebSettings.from_env(environ)
    assert caught.value.code.name == "WEB_SETTINGS_INVALID" and name in caught.value.message


def test_every_json_route_is_in_the_openapi_schema_with_a_response_model(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/",
        "/api/texts/{ref}",
        "/api/compare/{old_ref}/{new_ref}",
        "/api/audit/{ref}",
        "/api/me",
    ):
        response = schema["paths"][path]["get"]["responses"]["200"]
        assert "$ref" in response["content"]["application/json"]["schema"], path


def test_every_route_is_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    routers = [importlib.import_module(name).router for name in PAGE_MODULES]
    paths = {route.path for router in routers for route in router.routes if isinstance(route, APIRoute)}
    assert {"/", "/api/", "/compare/{old_ref}/{new_ref}", "/admin/audit-log"} <= paths
    missing = sorted(
        path for path in paths if f"`{path}`" not in documented and f"`POST {path}`" not in documented
    )
    assert not missing, f"routes missing from docs/web.md: {missing}"


def test_htmx_is_the_vendored_release_with_its_licence(client: TestClient) -> None:
    vendor = STATIC_DIR / "vendor"
    assert hashlib.sha256((vendor / "htmx.min.js").read_bytes()).hexdigest() == HTMX_SHA256
    assert "Zero-Clause BSD" in (vendor / "htmx.LICENSE").read_text(encoding="utf-8")
    assert HTMX_SHA256 in (vendor / "README.md").read_text(encoding="utf-8")
    page = client.get("/search").text
    assert '<script src="/static/vendor/htmx.min.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script: the CSP forbids it
    assert "hx-get" in page and 'method="get" action="/search"' in page  # works with and without htmx
