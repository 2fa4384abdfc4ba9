"""Secure cookies by default, proxy headers only when trusted: ``charterwatch serve`` and the cookie middleware.

The cookie is ``Secure`` unless a request reaches the app over plain http on a loopback address; ``serve`` on
any other address makes it always Secure (and warns when that is plain http), ``--insecure-cookies`` never.
``X-Forwarded-Proto`` counts only from the addresses given to ``--forwarded-allow-ips``.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from charterwatch.errors import CharterwatchError
from charterwatch.web.app import create_app
from charterwatch.web.cookies import is_loopback
from charterwatch.web.serving import plan_server
from charterwatch.web.settings import WebSettings
from web_fixtures import TEST_SECRET


def test_loopback_addresses() -> None:
    assert all(is_loopback(host) for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(
        is_loopback(host) for host in ("0.0.0.0", "::", "192.168.1.5", "example.org", "testserver")
    )


def test_serve_plans_cookies_and_proxy_headers_from_the_address() -> None:
    local = plan_server(host="127.0.0.1", port=8000)
    assert local.secure_cookies is None and not local.warnings  # decided per request
    assert local.uvicorn["proxy_headers"] is False and local.url == "http://127.0.0.1:8000/"
    lan = plan_server(host="0.0.0.0", port=8000)
    assert lan.secure_cookies is True and "not a loopback address" in lan.warnings[0]
    trusted = plan_server(host="0.0.0.0", port=8000, insecure_cookies=True)
    assert trusted.secure_cookies is False and "unencrypted" in trusted.warnings[0]
    proxied = plan_server(host="10.0.0.2", port=8000, forwarded_allow_ips="10.0.0.1")
    assert proxied.secure_cookies is True and not proxied.warnings
    assert proxied.uvicorn["proxy_headers"] is True and proxied.uvicorn["forwarded_allow_ips"] == "10.0.0.1"
    tls = plan_server(host="::", port=8443, ssl_certfile=Path("c.pem"), ssl_keyfile=Path("k.pem"))
    assert tls.secure_cookies is True and not tls.warnings and tls.url == "https://[::]:8443/"
    assert plan_server(host="127.0.0.1", port=1, secure_cookies=False).secure_cookies is False
    with pytest.raises(CharterwatchError, match="go together"):
        plan_server(host="127.0.0.1", port=1, ssl_certfile=Path("c.pem"))


@pytest.mark.parametrize(
    ("base_url", "secure"),
    [
        ("http://127.0.0.1", False),
        ("http://localhost:8000", False),
        ("https://127.0.0.1", True),
        ("http://192.168.1.5", True),
        ("http://testserver", True),
    ],
)
def test_the_default_marks_the_cookie_secure_unless_plain_http_on_loopback(
    web_db_url: str, base_url: str, secure: bool
) -> None:
    app = create_app(db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET))
    with TestClient(app, base_url=base_url) as client:
        cookie = client.get("/login").headers["set-cookie"].lower()
        assert cookie.startswith("charterwatch_session=") and ("; secure" in cookie) is secure
    app.state.engine.dispose()


def test_secure_cookies_setting_wins_either_way(web_db_url: str) -> None:
    for setting, base_url in ((True, "http://127.0.0.1"), (False, "http://192.168.1.5")):
        app = create_app(
            db_url=web_db_url, settings=WebSettings(secret_key=TEST_SECRET, secure_cookies=setting)
        )
        with TestClient(app, base_url=base_url) as client:
            assert ("secure" in client.get("/login").headers["set-cookie"].lower()) is setting
        app.state.engine.dispose()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _serve(db_url: str, *options: str, log: Path) -> Iterator[str]:
    """``charterwatch serve`` in a subprocess; yields its URL once /login answers."""
    port = _free_port()
    command = [sys.executable, "-c", "from charterwatch.cli.app import main; main()", "--db", db_url, "serve"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--port", str(port), *options], stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                urllib.request.urlopen(url + "/login", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def _cookie(url: str, **headers: str) -> str:
    with urllib.request.urlopen(
        urllib.request.Request(url + "/login", headers=headers), timeout=10
    ) as answer:
        return str(answer.headers["set-cookie"]).lower()


@pytest.mark.slow
def test_serve_trusts_x_forwarded_proto_only_from_the_allowed_proxies(
    web_db_url: str, tmp_path: Path
) -> None:
    forwarded = {"X-Forwarded-Proto": "https"}
    with _serve(web_db_url, "--host", "127.0.0.1", log=tmp_path / "plain.log") as url:
        assert "; secure" not in _cookie(url) and "; secure" not in _cookie(url, **forwarded)
    with _serve(web_db_url, "--forwarded-allow-ips", "127.0.0.1", log=tmp_path / "proxied.log") as url:
        assert "; secure" not in _cookie(url) and "; secure" in _cookie(url, **forwarded)
    with _serve(web_db_url, "--host", "0.0.0.0", log=tmp_path / "lan.log") as url:
        assert "; secure" in _cookie(url)
    assert "not a loopback address" in (tmp_path / "lan.log").read_text()
    assert "warning" not in (tmp_path / "plain.log").read_text()
