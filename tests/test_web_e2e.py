"""The web app in a real browser: headless chromium against uvicorn over the demo store (tests/e2e_fixtures.py).

Each test clicks through what a person does: sign in and out, follow the comparison to an article's redline,
filter it. Review work (incidents, the consultation) is in test_web_e2e_review.py.
"""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from playwright.sync_api import Page, expect

from e2e_fixtures import sign_in

pytestmark = pytest.mark.e2e


def test_admin_signs_in_and_out(browser_page: Page, live_url: str, demo: ModuleType) -> None:
    sign_in(browser_page, live_url, "admin", demo.DEMO_PASSWORD)
    browser_page.goto(f"{live_url}/admin/audit-log")
    expect(browser_page.locator("h1")).to_contain_text("Audit log")
    browser_page.get_by_role("button", name="Sign out").click()
    expect(browser_page.locator("header .who")).to_contain_text("Sign in")
    response = browser_page.goto(f"{live_url}/admin/audit-log")
    assert response is not None and response.status in (401, 403)


def test_wrong_password_is_one_line_and_no_session(browser_page: Page, live_url: str) -> None:
    browser_page.goto(f"{live_url}/login")
    browser_page.get_by_label("User name").fill("admin")
    browser_page.get_by_label("Password").fill("not the password at all")
    browser_page.get_by_role("button", name="Sign in").click()
    expect(browser_page.locator("main")).to_contain_text(re.compile("password", re.I))
    expect(browser_page.locator("header .who")).to_contain_text("Sign in")


def test_comparison_leads_to_an_article_redline(browser_page: Page, live_url: str, demo: ModuleType) -> None:
    sign_in(browser_page, live_url, "admin", demo.DEMO_PASSWORD)
    browser_page.get_by_role("link", name="Compare", exact=True).click()
    expect(browser_page.locator("h1")).to_have_text("KZ@1995-ru → KZ@2026")
    expect(browser_page.locator(".headline")).to_contain_text("changed words")
    # Old article 20 (freedom of speech) is new article 23: the renumbering map says so, the index leads there.
    expect(browser_page.locator("ul.renumbering")).to_contain_text("20 → 23")
    browser_page.locator("nav.article-index").get_by_role("link", name="23", exact=True).click()
    assert browser_page.url.endswith("#art-23")
    row = browser_page.locator("tr#art-23")
    expect(row).to_be_in_viewport()
    expect(row.locator("td.num").nth(1)).to_have_text("20")
    expect(row.locator("td.text ins").first).to_be_visible()
    row.locator("td.num a").first.click()
    expect(browser_page.locator("h1")).to_have_text("Статья 23.")
    expect(browser_page.locator("main")).to_contain_text("Свобода слова")


def test_comparison_filter_by_kind(browser_page: Page, live_url: str) -> None:
    browser_page.goto(f"{live_url}/compare/KZ@1995-ru/KZ@2026")
    browser_page.get_by_label("Kind").select_option("removed")
    browser_page.get_by_role("button", name="Show").click()
    rows = browser_page.locator("table.pairs tbody tr")
    expect(rows.first).to_be_visible()
    kinds = rows.locator("span.kind").all_inner_texts()
    assert kinds and set(kinds) == {"removed"}
