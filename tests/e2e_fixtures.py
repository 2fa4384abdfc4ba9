"""Fixtures for the browser tests: the demo store, the real server over it, and Debian's headless chromium.

The store is ``bench/web_demo.py``'s (corpus, showcase comparison, seed incidents, constructed proposals routed
to the default working groups, a user per role), made once per session; each test module gets its own copy
behind its own uvicorn. Chromium is ``/usr/bin/chromium`` driven by Playwright (never a downloaded browser),
kept off the network, with a fresh profile per test. Without chromium the tests skip, except in CI
(``CI=true``), where they fail.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Page, expect, sync_playwright

_WEB_DEMO = Path(__file__).resolve().parents[1] / "bench" / "web_demo.py"


def web_demo() -> ModuleType:
    """``bench/web_demo.py``, which the screenshots and the load benchmark share with these tests."""
    spec = importlib.util.spec_from_file_location("charterwatch_web_demo", _WEB_DEMO)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


_DEMO = web_demo()
CHROMIUM: Path = _DEMO.CHROMIUM
CHROMIUM_ARGS: list[str] = _DEMO.CHROMIUM_ARGS


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI (.ci/run installs Debian's chromium package)")
    pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium to run the browser tests")


@pytest.fixture(scope="session")
def demo() -> ModuleType:
    return _DEMO


@pytest.fixture(scope="session")
def demo_store(demo: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    path = tmp_path_factory.mktemp("e2e-store") / "demo.db"
    demo.build(path)
    return path


@pytest.fixture(scope="module")
def live_url(demo: ModuleType, demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a uvicorn serving this module's copy of the demo store."""
    folder = tmp_path_factory.mktemp("e2e-server")
    copy = folder / "demo.db"
    shutil.copyfile(demo_store, copy)
    with demo.serve(copy, log=folder / "uvicorn.log") as server:
        yield server.url


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[Page]:
    """A Playwright page in headless chromium with a fresh user-data-dir."""
    require_chromium()
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            locale="en-GB",
        )
        context.set_default_timeout(15_000)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def sign_in(page: Page, base: str, name: str, password: str) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("header .who")).to_contain_text(name)
