"""Review reports of KZ 2026 against KZ 1995 (Russian) in Markdown, HTML, DOCX and JSON."""

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path

import docx
from lxml import html

from charterwatch.rights.evaluate import bundled_text
from charterwatch.rights.report import render_markdown
from charterwatch.rights.report_docx import render_docx
from charterwatch.rights.report_html import render_html
from charterwatch.rights.service import Review, review

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
EXAMPLE_TITLE = "Kazakhstan 2026 against 1995 (Russian text as of 2023)"  # as in docs/rights.md
# a method id's hash changes with any edit to the code it names (docs/store.md); the example keeps its name
METHOD_HASH = re.compile(r"\b([a-z_.]+@[0-9][\w.-]*)\+[0-9a-f]{12}\b")


@cache
def _review() -> Review:
    old, new = bundled_text("kz-1995-ru-as-of-2023.txt"), bundled_text("kz-2026-ru.txt")
    return review(new, ref="KZ@2026", old=old, old_ref="KZ@1995-ru", title=EXAMPLE_TITLE)


def test_review_is_plain_json() -> None:
    data = json.loads(json.dumps(_review().to_dict(), ensure_ascii=False))
    assert data["audit"]["version"] == "KZ@2026" and data["against"]["version"] == "KZ@1995-ru"
    assert data["delta"]["summary"]["safeguard_removed"] == 2
    assert {c["status"] for c in data["concerns"]} <= {"supported", "partly", "not_supported", "not_found"}


def test_markdown_review_reads_like_an_opinion() -> None:
    text = render_markdown(_review())
    assert text.startswith(f"# Rights audit: {EXAMPLE_TITLE}\n")
    for heading in (
        "## Summary",
        "## Findings by right",
        "## Safeguards",
        "## Changes since KZ@1995-ru",
        "### Rights dropped or added",
        "### Grounds added",
        "## Concerns raised by the seed articles",
    ):
        assert f"\n{heading}\n" in text, heading
    assert "Against KZ@1995-ru:" in text and "Safeguards lost: ratified treaties prevail over laws" in text
    # the standard is cited down to the paragraph
    assert "HRC General Comment 34 (CCPR/C/GC/34) paras 30, 46" in text
    assert "| The right to strike | dropped | Art. 24(3): «право на забастовку» |" in text


def test_markdown_of_a_bare_audit_keeps_its_shape() -> None:
    text = render_markdown(_review().audit, title="Kazakhstan 2026 alone")
    assert text.startswith("# Rights audit: Kazakhstan 2026 alone\n")
    assert "## Changes since" not in text and "## Concerns" not in text


def test_html_is_self_contained_with_an_anchor_per_right_and_article() -> None:
    page = render_html(_review())
    tree = html.fromstring(page)
    assert not tree.xpath("//script|//link|//img|//iframe")
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert {"iccpr-19", "iccpr-21", "art-23", "art-34", "changes", "concerns"} <= set(ids)
    for link in tree.xpath("//a/@href"):
        assert link.startswith("#") and link[1:] in ids
    assert "союз мужчины и женщины" in tree.text_content()


def test_html_escapes_the_texts() -> None:
    page = render_html(_review().audit, title="<script>alert(1)</script> & co")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_docx_has_the_opinion_sections() -> None:
    document = docx.Document(io.BytesIO(render_docx(_review())))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [
        "Summary",
        "Findings by right",
        "Safeguards",
        "Changes since KZ@1995-ru",
        "Concerns raised by the seed articles",
    ]
    quotes = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Quote"]
    assert any("союз мужчины и женщины" in q for q in quotes)
    assert len(document.tables) > 20


def _concern_verdicts(text: str) -> list[tuple[str, str]]:
    """(concern, verdict line) from a Markdown review's concerns section."""
    lines = text.split("## Concerns raised by the seed articles", 1)[1].splitlines()
    return [(line, lines[i + 2]) for i, line in enumerate(lines) if line.startswith("### ")]


def test_the_committed_example_is_current() -> None:
    """docs/examples/kz-1995-2026-audit.md and .html against what the code makes now.

    The audit (summary, findings, safeguards) and the concerns' verdicts must be the same; the quoted counterpart
    passages may move with the aligner. If this fails, regenerate with the commands in docs/rights.md.
    """
    current = _review()
    made, committed = (
        METHOD_HASH.sub(r"\1+hash", text)
        for text in (
            render_markdown(current),
            (EXAMPLES / "kz-1995-2026-audit.md").read_text(encoding="utf-8"),
        )
    )
    assert committed.split("\n## Changes since")[0] == made.split("\n## Changes since")[0]
    assert _concern_verdicts(committed) == _concern_verdicts(made)
    page = html.fromstring((EXAMPLES / "kz-1995-2026-audit.html").read_text(encoding="utf-8"))
    fresh = html.fromstring(render_html(current))
    assert page.xpath("//ul")[0].text_content() == fresh.xpath("//ul")[0].text_content()
    assert page.xpath("//@id") == fresh.xpath("//@id")
