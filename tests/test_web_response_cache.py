"""The anonymous response cache (web/response_cache.py): hits, what it never keeps, and what makes it forget."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from charterwatch.incidents.workflow.models import IncidentRow
from charterwatch.store.db import session_scope
from charterwatch.web.response_cache import Entry, ResponseCache, ResponseCacheMiddleware
from test_web_incidents import _accept, _all, incidents_store_file, web_db_url
from web_fixtures import PASSWORD, csrf_from

__all__ = ["incidents_store_file", "web_db_url"]  # this module runs on the store with the seed incidents


def _cache(app: FastAPI) -> ResponseCacheMiddleware:
    """The middleware instance of ``app`` (built on the first request)."""
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, ResponseCacheMiddleware):
        layer = getattr(layer, "app", None)
    assert layer is not None
    return layer


def test_an_anonymous_reader_is_served_from_the_cache(client: TestClient, web_app: FastAPI) -> None:
    first = client.get("/texts")
    assert first.status_code == 200 and "set-cookie" not in first.headers  # no form, so no session
    cache = _cache(web_app)
    assert len(cache.cache) == 1
    # a hit is answered from memory: a stored copy altered here comes back as altered
    key = next(iter(cache.cache._items))
    entry = cache.cache._items[key]
    body = entry.body.replace(b"</main>", b"<p>from the cache</p></main>")
    headers = [(n, str(len(body)).encode() if n == b"content-length" else v) for n, v in entry.headers]
    cache.cache.put(key, Entry(headers, body, entry.etag, entry.generation, entry.made))
    second = client.get("/texts")
    assert "from the cache" in second.text and second.headers["etag"] == entry.etag.decode()
    assert second.headers["cache-control"] == "no-cache"
    assert second.headers["x-frame-options"] == "DENY"  # the security headers are kept with the copy
    assert client.get("/texts", headers={"If-None-Match": second.headers["etag"]}).status_code == 304
    style = [client.get("/static/style.css") for _ in range(2)][1]
    assert style.status_code == 200 and len(style.headers.get_list("etag")) == 1  # its own ETag, kept
    json_twin = client.get("/texts", headers={"Accept": "application/json"})
    assert json_twin.status_code == 200 and len(cache.cache) == 3  # HTML and JSON are kept apart


def test_signed_in_readers_and_tokens_are_never_cached(
    client: TestClient, web_app: FastAPI, sign_in: Callable[..., TestClient]
) -> None:
    sign_in("analyst")
    assert client.get("/texts").status_code == 200 and client.get("/incidents").status_code == 200
    cache = _cache(web_app)
    assert len(cache.cache) == 0
    client.cookies.clear()
    assert client.get("/texts", headers={"Authorization": "Bearer cw_unknown"}).status_code == 401
    assert len(cache.cache) == 0


def test_a_page_with_a_form_is_not_cached(client: TestClient, web_app: FastAPI) -> None:
    """The sign-in form carries the session's CSRF token and sets the cookie: it must never be shared."""
    page = client.get("/login")
    assert page.status_code == 200 and "set-cookie" in page.headers
    assert len(_cache(web_app).cache) == 0
    other = TestClient(web_app)
    assert csrf_from(other) != csrf_from(client)


def test_a_write_through_the_app_or_another_connection_invalidates(
    client: TestClient, web_app: FastAPI, make_user: Callable[..., str]
) -> None:
    assert client.get("/api/incidents").json()["total"] == 0  # nothing published yet
    cache = _cache(web_app)
    generation = cache.generation.current()
    # another connection (as the CLI would be) publishes one: SQLite's data_version sees the commit
    with session_scope(web_app.state.engine) as session:
        row = session.scalars(select(IncidentRow).order_by(IncidentRow.position)).first()
        assert row is not None
        row.review = "accepted"
    assert cache.generation.current() != generation
    assert client.get("/api/incidents").json()["total"] == 1
    # an unsafe request through the app bumps its own counter, whatever it did
    writes = cache.generation.writes
    make_user("ana", "analyst")
    browser = TestClient(web_app)
    token = csrf_from(browser)
    browser.post("/login", data={"name": "ana", "password": PASSWORD, "csrf_token": token})
    assert cache.generation.writes == writes + 1


def test_private_fields_never_enter_the_cache(
    client: TestClient, web_app: FastAPI, sign_in: Callable[..., TestClient]
) -> None:
    anonymous = TestClient(web_app)
    analyst = sign_in("analyst")
    incidents = _all(analyst)["incidents"]
    named = next(i for i in incidents if any(p.startswith("victims[") for p in i["private_fields"]))
    name = named["victims"][0]["name"]
    _accept(analyst, named["id"])
    assert name in analyst.get(f"/incidents/{named['id']}").text  # the analyst's page names them...
    for path in (
        "/incidents",
        "/api/incidents",
        f"/incidents/{named['id']}",
        f"/api/incidents/{named['id']}",
    ):
        assert anonymous.get(path).status_code == 200
    cache = _cache(web_app)
    assert len(cache.cache) == 4  # ...and only the anonymous pages were kept
    stored = b"".join(entry.body for entry in cache.cache._items.values()).decode()
    assert named["id"] in stored and name not in stored and name.split()[-1] not in stored


def test_the_cache_is_bounded_in_entries_and_bytes() -> None:
    cache = ResponseCache(entries=3, max_bytes=100)
    for n in range(5):
        cache.put(("/p", str(n).encode(), False), Entry([], b"x" * 10, b'"e"', (0, 0), 0.0))
    assert len(cache) == 3 and cache.get(("/p", b"0", False)) is None
    cache.put(("/big", b"", False), Entry([], b"x" * 95, b'"e"', (0, 0), 0.0))
    assert len(cache) == 1 and cache.size == 95
