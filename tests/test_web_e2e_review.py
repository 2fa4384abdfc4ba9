"""Review work in a real browser: an analyst accepts an incident; a citizen's proposal reaches a working group.

Headless chromium against uvicorn over the demo store (tests/e2e_fixtures.py).
"""

from __future__ import annotations

from types import ModuleType

import pytest
from playwright.sync_api import Page, expect

from e2e_fixtures import sign_in

pytestmark = pytest.mark.e2e


def test_analyst_accepts_an_incident(browser_page: Page, live_url: str, demo: ModuleType) -> None:
    if not (demo.SHARED / "seeds").is_dir():
        pytest.skip(f"no seed articles in {demo.SHARED / 'seeds'}: the demo store has no incidents")
    sign_in(browser_page, live_url, "analyst", demo.DEMO_PASSWORD)
    browser_page.goto(f"{live_url}/incidents?status=machine")
    first = browser_page.locator("main table tbody tr a[href^='/incidents/']").first
    expect(first).to_be_visible()
    first.click()
    incident_url = browser_page.url
    status = browser_page.locator("main table .status").first
    expect(status).to_have_text("machine")
    expect(browser_page.locator("mark").first).to_be_visible()  # the evidence, highlighted in the source
    browser_page.get_by_role("button", name="Accept").click()
    expect(status).to_have_text("accepted")
    expect(browser_page.locator("main ol").first).to_contain_text("analyst")  # the review history
    # Published now: an anonymous visitor may see it.
    browser_page.get_by_role("button", name="Sign out").click()
    response = browser_page.goto(incident_url)
    assert response is not None and response.status == 200
    expect(status).to_have_text("accepted")
