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


def test_a_citizens_proposal_reaches_the_working_groups_queue(
    browser_page: Page, live_url: str, demo: ModuleType
) -> None:
    text = (
        "Статья 20 должна прямо запрещать блокировку сайтов без решения суда; "
        "свобода слова в сети — e2e proposal 7."
    )
    sign_in(browser_page, live_url, "citizen", demo.DEMO_PASSWORD)
    browser_page.goto(f"{live_url}/consult")
    browser_page.get_by_role("link", name="Send a proposal").click()
    browser_page.get_by_label("Your proposal").fill(text)
    browser_page.get_by_label("Contact").fill("citizen-7@example.org")
    browser_page.get_by_role("button", name="Send").click()
    expect(browser_page.locator("h1")).to_have_text("Thank you")
    proposal_id = browser_page.locator(".proposal-id").inner_text()
    assert proposal_id.startswith("web:")
    expect(browser_page.locator("main")).not_to_contain_text("citizen-7@example.org")
    browser_page.get_by_role("button", name="Sign out").click()

    # Routed on arrival (the demo's consultation was routed): article 20 of 1995 is Section II's group.

    sign_in(browser_page, live_url, "wg-rights", demo.DEMO_PASSWORD)
    browser_page.goto(f"{live_url}/consult")
    browser_page.get_by_role("link", name=demo.GROUP, exact=True).click()
    expect(browser_page.locator("h1")).to_have_text(demo.GROUP)
    row = browser_page.locator("table.queue tbody tr").filter(has_text=proposal_id)
    expect(row).to_contain_text("e2e proposal 7")
    expect(row).to_contain_text("20")
    expect(browser_page.locator("main")).not_to_contain_text("citizen-7@example.org")
    # The group decides on it from its queue.
    row.get_by_label("Decision").select_option("accepted")
    row.get_by_role("button", name="Save").click()
    expect(browser_page.locator("main .meta .status")).to_have_text("accepted")  # the proposal's page
    expect(browser_page.locator("ol.history")).to_contain_text("wg-rights")
