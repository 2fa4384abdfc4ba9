"""Review reports of KZ 2026 against KZ 1995 (Russian) in Markdown, HTML, DOCX and JSON."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import docx
import pytest
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
    religion = [
        v for v in data["verdicts"] if v["right"] == "18" and v["words"] == "национальной безопасности"
    ]
    assert religion and religion[0]["where"]["article"] == "7" and religion[0]["rule"] == "not_listed"
    assert religion[0]["cited"].startswith("ICCPR art. 18(3); HRC General Comment 22, para 8")


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
    # each verdict names the ground, the ICCPR paragraph it is judged under and the paragraphs it rests on
    assert (
        "| national (state) security | национальной безопасности | **not permitted under art. 18(3)** "
        "| Art. 18(3) does not list national security, and its list of grounds is closed. "
        "| ICCPR art. 18(3); HRC General Comment 22, para 8; Siracusa Principles, paras 1, 6, 29-32 |"
    ) in text
    assert (
        "national (state) security limiting freedom of religion or belief (ICCPR art. 18(3)) in Art. 7(2)"
        in text
    )
    assert "### Freedom of expression (ICCPR art. 19)" in text
    assert "_phrase" not in text and "none ()" not in text
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


DOCX_DATE = dt.date(2026, 3, 20)


@cache
def _docx() -> bytes:
    return render_docx(_review(), author="Dr. A. Jurist", date=DOCX_DATE)


def test_docx_is_an_a4_opinion_with_title_page_contents_and_numbered_pages() -> None:
    document = docx.Document(io.BytesIO(_docx()))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.different_first_page_header_footer  # no page number on the title page
    properties = document.core_properties
    assert properties.title == f"Rights audit: {EXAMPLE_TITLE}"
    assert properties.author == properties.last_modified_by == "Dr. A. Jurist"
    assert properties.created is not None and properties.created.date() == DOCX_DATE
    assert "python-docx" not in (properties.author, properties.last_modified_by, properties.comments)
    texts = [p.text for p in document.paragraphs]
    assert "Prepared by Dr. A. Jurist" in texts and "20 March 2026" in texts
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [
        "1. Summary",
        "2. Findings by right",
        "3. Safeguards",
        "4. Changes since KZ@1995-ru",
        "5. Concerns raised by the seed articles",
        "6. Standards cited",
    ]
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body and "<w:updateFields" in document.settings.element.xml
    # the contents list every heading before a word processor updates the field
    first_heading = next(
        n for n, p in enumerate(document.paragraphs) if p.style is not None and p.style.name == "Heading 1"
    )
    contents = texts[texts.index("Contents") + 1 : first_heading]
    assert set(headings) <= set(contents)
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    quotes = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Quote"]
    assert any("союз мужчины и женщины" in q for q in quotes)


def test_docx_of_a_bare_audit_has_no_changes_or_concerns() -> None:
    document = docx.Document(io.BytesIO(render_docx(_review().audit, title="Kazakhstan 2026 alone")))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == ["1. Summary", "2. Findings by right", "3. Safeguards", "4. Standards cited"]
    assert document.core_properties.author == "charterwatch"  # nobody named: the tool, not the library


def test_docx_verdicts_name_right_paragraph_ground_and_commentary() -> None:
    document = docx.Document(io.BytesIO(_docx()))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    religion = [r for r in rows if r[1] == "not permitted under art. 18(3)" and "национальной" in r[0]]
    assert religion and religion[0][0].startswith("national (state) security")
    assert "HRC General Comment 22, para 8" in religion[0][2] and "Siracusa Principles" in religion[0][2]


def _longest_word_cm(text: str, size_pt: float) -> float:
    """A generous estimate of the widest word: 0.6 em per character (serif text averages ~0.5)."""
    longest = max((len(word) for word in text.split()), default=0)
    return longest * size_pt * 0.6 / 72 * 2.54


def test_docx_tables_have_fixed_widths_that_fit_their_longest_words() -> None:
    """Fixed layout, columns filling the text width, and no column narrower than its longest word (so no
    word breaks mid-word in Word or LibreOffice)."""
    document = docx.Document(io.BytesIO(_docx()))
    text_width = 21.0 - 2 * 2.0
    assert len(document.tables) > 20
    for table in document.tables:
        assert 'w:type="fixed"' in table._tbl.tblPr.xml
        widths = [column.width.cm for column in table.columns]
        assert abs(sum(widths) - text_width) < 0.1, widths
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                assert abs(cell.width.cm - width) < 0.01
                assert _longest_word_cm(cell.text, 9) + 2 * 0.19 <= width, (cell.text, width)


@pytest.mark.slow
@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdfinfo", "pdftotext")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext)",
)
def test_docx_prints_on_at_most_twenty_a4_pages_without_broken_words(tmp_path: Path) -> None:
    """KZ 2026 against 1995 fits ~20 pages (it was 51 US-Letter pages before the layout), and every word of
    the opinion is found whole in the PDF's text (it had 17 words broken mid-word in narrow columns)."""
    source = tmp_path / "opinion.docx"
    source.write_bytes(_docx())
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "opinion.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found is not None, info
    pages = int(found.group(1))
    assert 10 <= pages <= 20, pages
    assert "(A4)" in info
    printed = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    document = docx.Document(io.BytesIO(_docx()))
    texts = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]
    words = {w for text in texts for w in re.findall(r"[^\W\d_]{4,}", text)}
    broken = sorted(words - set(re.findall(r"[^\W\d_]{4,}", printed)))
    assert not broken, broken


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
