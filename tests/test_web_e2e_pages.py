"""Incident merges, themes and uptake in a real browser (headless chromium, the demo store; e2e_fixtures.py).

An analyst merges two incidents and takes the merge back; anyone reads the themes with their keywords and the
uptake report, whose verdicts carry the changed words of the new draft as evidence.
"""

from __future__ import annotations

from types import ModuleType

import pytest
from playwright.sync_api import Page, expect

from e2e_fixtures import sign_in

pytestmark = pytest.mark.e2e


def _incident_ids(page: Page, base: str) -> list[str]:
    page.goto(f"{base}/incidents")
    links = page.locator("main table tbody tr a[href^='/incidents/']")
    expect(links.first).to_be_visible()
    hrefs = [links.nth(n).get_attribute("href") or "" for n in range(links.count())]
    return list(dict.fromkeys(href.rsplit("/", 1)[-1] for href in hrefs))


def test_analyst_merges_two_incidents_and_unmerges_them(
    browser_page: Page, live_url: str, demo: ModuleType
) -> None:
    if not (demo.SHARED / "seeds").is_dir():
        pytest.skip(f"no seed articles in {demo.SHARED / 'seeds'}: the demo store has no incidents")
    page = browser_page
    sign_in(page, live_url, "analyst", demo.DEMO_PASSWORD)
    ids = _incident_ids(page, live_url)
    assert len(ids) >= 2, ids
    into, absorbed = ids[0], ids[1]

    page.goto(f"{live_url}/incidents/{into}")
    page.get_by_label("Merge in incident").fill(absorbed[:8])
    page.get_by_role("button", name="Merge", exact=True).click()
    merge = page.locator("table.merges tbody tr").filter(has_text=absorbed[:8])
    expect(merge).to_contain_text(into[:8])
    expect(merge).to_contain_text("analyst")
    page.goto(f"{live_url}/incidents/{absorbed}")
    expect(page.locator(".notice")).to_contain_text(f"Merged into {into[:8]}")
    assert absorbed not in _incident_ids(page, live_url)  # the list shows the merged incident once

    page.goto(f"{live_url}/incidents/{into}")
    merge.get_by_role("button", name="Unmerge").click()
    expect(merge.locator("td").nth(4)).to_contain_text("analyst")  # undone, by whom
    expect(merge.get_by_role("button", name="Unmerge")).to_have_count(0)
    page.goto(f"{live_url}/incidents/{absorbed}")
    expect(page.locator(".notice")).to_have_count(0)
    assert {into, absorbed} <= set(_incident_ids(page, live_url))  # both again


def test_themes_are_listed_with_their_keywords(browser_page: Page, live_url: str) -> None:
    page = browser_page
    page.goto(f"{live_url}/consult")
    page.get_by_role("link", name="Every theme with its keywords").click()
    expect(page.locator("h1")).to_have_text("Themes")
    rows = page.locator("table.themes tbody tr")
    expect(rows.first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("No themes yet")
    for n in range(rows.count()):
        keywords = rows.nth(n).locator("td.keywords").inner_text()
        assert keywords.strip() and int(rows.nth(n).locator("td.n").inner_text()) >= 1
    ideas = int(rows.first.locator("td.n").inner_text())
    label = rows.first.locator("td a").inner_text()
    rows.first.locator("td a").click()
    expect(page.locator("h1")).to_have_text(label)
    expect(page.locator("table.theme-ideas tbody tr")).to_have_count(min(ideas, 50))


def test_uptake_shows_each_verdict_with_the_changed_words(browser_page: Page, live_url: str) -> None:
    page = browser_page
    page.goto(f"{live_url}/consult/uptake")
    expect(page.locator("h1")).to_contain_text("KZ@2026")
    counts = page.locator("ul.counts li")
    expect(counts.first).to_be_visible()
    labels = [counts.nth(n).inner_text() for n in range(counts.count())]
    assert any(label.startswith("reflected:") for label in labels), labels
    evidence = page.locator("table.uptake-proposals mark")
    expect(evidence.first).to_be_visible()
    assert "art." in (evidence.first.get_attribute("title") or "")
    page.locator("ul.counts").get_by_role("link", name="reflected", exact=True).click()
    expect(page.locator("main h2").nth(1)).to_contain_text("reflected")
    statuses = page.locator("table.uptake-proposals tbody .status")
    expect(statuses.first).to_be_visible()
    assert {statuses.nth(n).inner_text() for n in range(statuses.count())} == {"reflected"}
    reflected = page.locator("table.uptake-proposals tbody tr").first
    expect(reflected.locator("mark").first).to_be_visible()  # a reflected proposal shows its words
