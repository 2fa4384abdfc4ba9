"""PDF extraction: pdftotext (poppler) when installed, pypdf otherwise; running headers and footers dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.parse import parse_text
from charterwatch.texts.readers_pdf import drop_running_lines, pdftotext_available, read_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "texts" / "kz-1995-ru-excerpt.pdf"
needs_poppler = pytest.mark.skipif(not pdftotext_available(), reason="poppler-utils is not installed")


@needs_poppler
def test_both_extractors_read_the_same_tree() -> None:
    raw = FIXTURE.read_bytes()
    trees = [
        parse_text(read_pdf(raw, path="kz.pdf", extractor=name)[0]).structure()
        for name in ("pypdf", "pdftotext")
    ]
    assert trees[0] == trees[1]
    articles = [
        p
        for p in parse_text(read_pdf(raw, path="kz.pdf", extractor="pdftotext")[0]).walk()
        if p.kind == "article"
    ]
    assert [a.num for a in articles] == ["1", "2", "3"]
    words = articles[2].norm_text().split()
    assert words[:6] == ["Единственным", "источником", "государственной", "власти", "является", "народ."]


def test_pdftotext_missing_is_a_coded_error_and_auto_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = FIXTURE.read_bytes()
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name: None if name == "pdftotext" else real_which(name))
    with pytest.raises(CharterwatchError) as caught:
        read_pdf(raw, path="kz.pdf", extractor="pdftotext")
    assert caught.value.code is E.PDF_UNREADABLE and "poppler-utils" in str(caught.value)
    text, title = read_pdf(raw, path="kz.pdf")  # auto: pypdf
    assert "Статья 3" in text and title


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    pages = [
        f"ИПС «Әділет»\nЗакон о порядке\nСтатья {n}\nПравило номер {n}.\nСтраница {n} из 4\n© 2025 РГП"
        for n in range(1, 5)
    ]
    cleaned = drop_running_lines(pages)
    for n, page in enumerate(cleaned, start=1):
        assert page.split("\n") == [f"Статья {n}", f"Правило номер {n}."]  # the law's running title too


def test_lines_repeated_on_too_few_pages_stay() -> None:
    pages = ["Статья 1\nОбщее правило.", "Статья 2\nОбщее правило.", "Статья 3\nОсобое правило."]
    assert drop_running_lines(pages) == pages  # headings open every page; the other lines repeat on two
