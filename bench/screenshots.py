"""Screenshots of the web app's main pages into docs/screenshots/, from the demo store in headless chromium.

Run: ``make screenshots`` (or ``.venv/bin/python bench/screenshots.py [OUT_DIR]``). Builds bench/web_demo.py's
store in a temporary folder, serves it, signs in as the admin (so review actions and private fields show, as an
analyst sees them) and saves one PNG per page, the top 1280 x 1000 pixels of each.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Final
from urllib.parse import quote

import web_demo  # bench/ is sys.path[0] when this runs as a script
from playwright.sync_api import Page, sync_playwright

OUT: Final = web_demo.ROOT / "docs" / "screenshots"
# file name -> path; "{incident}" is the first incident listed
PAGES: Final = {
    "dashboard": "/",
    "texts": "/texts",
    "article": "/texts/KZ@2026/articles/23",
    "search": "/search?q=" + quote("общественного порядка"),
    "compare": "/compare/KZ@1995-ru/KZ@2026",
    "audit": "/audit/KZ@2026?against=KZ@1995-ru",
    "incidents": "/incidents",
    "incident": "{incident}",
    "consultation": "/consult",
    "consultation-form": "/consult/propose",
    "themes": "/consult/themes",
    "queue": "/consult/queue/" + quote(web_demo.GROUP),
    "uptake": "/consult/uptake",
}


def shoot(page: Page, base: str, out: Path) -> list[Path]:
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill(web_demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/incidents")
    incident = page.locator("main table tbody tr a[href^='/incidents/']").first.get_attribute("href") or "/"
    saved = []
    for name, path in PAGES.items():
        response = page.goto(base + path.format(incident=incident), wait_until="networkidle")
        if response is None or response.status != 200:
            raise RuntimeError(f"{path} answered {response.status if response else 'nothing'}")
        target = out / f"{name}.png"
        page.screenshot(path=str(target))  # the viewport: the top of the page
        saved.append(target)
    return saved


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="charterwatch-shots-") as folder:
        store = Path(folder) / "demo.db"
        web_demo.build(store)
        with web_demo.serve(store) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(web_demo.CHROMIUM), headless=True, args=web_demo.CHROMIUM_ARGS
            )
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="en-GB")
                for path in shoot(page, server.url, out):
                    print(path.relative_to(web_demo.ROOT) if path.is_relative_to(web_demo.ROOT) else path)
            finally:
                browser.close()


if __name__ == "__main__":
    main()
