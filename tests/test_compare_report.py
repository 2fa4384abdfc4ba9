"""Comparison reports: text, JSON, Markdown and HTML from a hand-made comparison and from Russia 2007 → 2008."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest
from rich.console import Console

from charterwatch.texts.compare import compare
from charterwatch.texts.compare.model import (
    AlignedPair,
    ChangeStats,
    Comparison,
    comparison_from_dict,
)
from charterwatch.texts.compare.redline import changed_words, word_count, word_diff
from charterwatch.texts.compare.report import (
    HEADLINE_DEFINITION,
    REPORT_FORMATS,
    num_key,
    render,
    renumbered,
)
from charterwatch.texts.compare.report_html import to_html
from charterwatch.texts.compare.report_text import summary_report, to_text
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import parse_file
from charterwatch.texts.tree import ParsedText

HOSTILE = 'Power <script>alert("x")</script> & "quotes" | pipes * stars'


def pair(kind: str, new: list[str], old: list[str], old_text: str, new_text: str) -> AlignedPair:
    ops = word_diff(old_text, new_text)
    deleted, inserted = changed_words(ops)
    return AlignedPair(
        kind,  # type: ignore[arg-type]  # the test names valid kinds
        new,
        old,
        similarity=0.5 if kind != "same" else 1.0,
        words_old=word_count(old_text),
        words_new=word_count(new_text),
        words_deleted=deleted,
        words_inserted=inserted,
        redline=ops,
        text_changed=deleted + inserted > 0,
    )


def stats_of(pairs: list[AlignedPair]) -> ChangeStats:
    by_kind: dict[str, int] = {}
    old_by_kind: dict[str, dict[str, None]] = {}
    new_by_kind: dict[str, dict[str, None]] = {}
    for p in pairs:
        by_kind[p.kind] = by_kind.get(p.kind, 0) + 1
        old_by_kind.setdefault(p.kind, {}).update(dict.fromkeys(p.old))
        new_by_kind.setdefault(p.kind, {}).update(dict.fromkeys(p.new))
    return ChangeStats(
        articles_old=len({num for p in pairs for num in p.old}),
        articles_new=len({num for p in pairs for num in p.new}),
        by_kind=by_kind,
        words_old=sum(p.words_old for p in pairs),
        words_new=sum(p.words_new for p in pairs),
        words_deleted=sum(p.words_deleted for p in pairs),
        words_inserted=sum(p.words_inserted for p in pairs),
        old_by_kind={kind: len(nums) for kind, nums in old_by_kind.items() if nums},
        new_by_kind={kind: len(nums) for kind, nums in new_by_kind.items() if nums},
    )


@pytest.fixture
def small() -> Comparison:
    """Every kind of pair, renumbering, and text that must be escaped."""
    pairs = [
        pair(
            "same", ["1"], ["1"], "The people are the source of power.", "The people are the source of power."
        ),
        pair("renumbered", ["2"], ["3"], "1. Courts are independent.", "1. Courts are independent."),
        pair("moved", ["3"], ["2"], "Speech is free.", "Speech is free, within the law."),
        pair("split", ["4"], ["4"], "A. B.", "A."),
        pair("split", ["5"], ["4"], "A. B.", "B."),
        pair("merged", ["6"], ["5", "6"], "C. D.", "C and D."),
        pair("new", ["7"], [], "", HOSTILE),
        pair("removed", [], ["7"], "The Senate sits in Astana.", ""),
    ]
    stats = stats_of(pairs)
    return Comparison("XX@1", "XX@2", "test.v1", pairs, stats, {"Section <I>": stats})


def bundled(file: str) -> ParsedText:
    parsed, _ = parse_file(corpus_entry(file).path(), lang="ru")
    return parsed


@pytest.fixture(scope="module")
def ru_2007_2008() -> Comparison:
    old, new = bundled("ru-1993-ru-as-of-2007-07-21.txt"), bundled("ru-1993-ru-as-of-2008-12-30-6fkz.txt")
    return compare(old, new, old_ref="RU@2007", new_ref="RU@2008")


@pytest.fixture(scope="module")
def kz_1995_2026() -> Comparison:
    old, new = bundled("kz-1995-ru-as-of-2023.txt"), bundled("kz-2026-ru.txt")
    return compare(old, new, old_ref="KZ@1995-ru", new_ref="KZ@2026")


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_every_format_renders_the_real_pair(ru_2007_2008: Comparison, fmt: str) -> None:
    report = render(ru_2007_2008, fmt=fmt)
    assert "RU@2007" in report and "RU@2008" in report
    if fmt != "json":
        assert "Changed words" in report


def test_json_round_trips_to_an_equal_comparison(
    ru_2007_2008: Comparison, kz_1995_2026: Comparison, small: Comparison
) -> None:
    for comparison in (ru_2007_2008, kz_1995_2026, small):
        data = json.loads(render(comparison, fmt="json"))
        assert data["stats"]["changed_word_share"] == comparison.stats.changed_word_share
        assert comparison_from_dict(data) == comparison


def test_html_has_the_redline_of_article_81(ru_2007_2008: Comparison) -> None:
    page = to_html(ru_2007_2008)
    row = _row(page, "art-81")
    assert 'class="k-amended"' in row
    assert "<del>четыре года </del><ins>шесть лет </ins>" in row
    assert 'id="renumbering"' in page and 'id="summary"' in page
    changed = [p.new[0] for p in ru_2007_2008.pairs if p.kind != "same"]
    assert changed == ["81", "96"]


def test_html_of_kazakhstan_has_the_renumbering_map_and_every_article(kz_1995_2026: Comparison) -> None:
    page = to_html(kz_1995_2026)
    section = page[page.index('<section id="renumbering">') : page.index('<section id="articles">')]
    moves = renumbered(kz_1995_2026)
    assert len(moves) > 50
    for old, new in moves:
        assert f"<li{' class=removed' if new == '—' else ''}>{old} → {new}</li>" in section
    ids = re.findall(r'<tr id="art-([^"]+)"', page)  # the pieces of a split stand together
    assert sorted(ids, key=num_key) == [a.num for a in bundled("kz-2026-ru.txt").articles()]
    assert page.count("<del>") > 100 and page.count("<ins>") > 100


def test_html_is_self_contained_escaped_and_well_formed(small: Comparison) -> None:
    page = to_html(small)
    assert "<script" not in page and "http" not in page and "<link" not in page and " src=" not in page
    assert "url(" not in page and "@import" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page
    assert "Section &lt;I&gt;" in page
    assert HEADLINE_DEFINITION in page
    checker = _TagBalance()
    checker.feed(page)
    assert checker.stack == [] and checker.errors == []
    ids = re.findall(r'<tr id="([^"]+)"', page)
    assert ids == ["art-1", "art-2", "art-3", "art-4", "art-5", "art-6", "art-7", "old-art-7"]


def test_html_side_by_side_is_the_redline_twice_with_css_hiding_one_mark_each(small: Comparison) -> None:
    page = to_html(small)
    cells = re.findall(r'<td class="(text|side)">(.*?)</td>', _row(page, "art-3"))
    redline = "Speech is free<ins>, within the law</ins>."
    assert cells == [("text", redline), ("side", redline)]
    assert ".side del," in page and "#side-by-side:checked~table td.text ins{display:none}" in page


def test_renumbering_map_lists_changed_numbers_in_natural_order(small: Comparison) -> None:
    assert renumbered(small) == [("2", "3"), ("3", "2"), ("4", "4, 5"), ("5", "6"), ("7", "—")]
    assert sorted(["10", "2", "44-2", "44-1", "44", "67.1", "67"], key=num_key) == [
        "2",
        "10",
        "44",
        "44-1",
        "44-2",
        "67",
        "67.1",
    ]


def test_markdown_escapes_table_cells_and_marks_changes(small: Comparison) -> None:
    report = render(small, fmt="md")
    assert "| 3 | 2 |" in report and "| 7 | — |" in report
    assert "<ins>, within the law</ins>" in report
    assert "\\| pipes \\* stars" in report and "<script>" not in report
    assert "\n1\\. Courts are independent.\n" in report  # not a list


def test_text_report_has_summary_map_and_changed_pairs(small: Comparison) -> None:
    report = to_text(small)
    assert report.splitlines()[0] == "XX@1 → XX@2"
    assert "Changed words" in report and "Renumbering map: 5 old articles" in report
    assert "7 → —" in report and "merged" in report and "renumbered, unchanged" in report
    assert re.search(r"split +│ 2 +│ 1 \(14\.3%\) +│ 2 \(28\.6%\)", report)
    assert re.search(r"3 +│ 2 +│ moved, amended", report)
    changed_table = report[report.index("Changed articles") :]
    assert "│ same " not in changed_table and "│ renumbered, unchanged " in changed_table


def _row(page: str, anchor: str) -> str:
    match = re.search(rf'<tr id="{re.escape(anchor)}".*?</tr>', page, re.S)
    assert match is not None, anchor
    return match.group()


class _TagBalance(HTMLParser):
    VOID = frozenset({"meta", "br", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(tag)
        else:
            self.stack.pop()


def test_the_short_summary_keeps_the_first_rows_of_the_map(kz_1995_2026: Comparison) -> None:
    buffer = io.StringIO()
    Console(file=buffer, width=120, color_system=None).print(summary_report(kz_1995_2026, map_rows=2))
    summary = buffer.getvalue()
    moves = renumbered(kz_1995_2026)
    assert f"Renumbering map: 8 of {len(moves)} old articles" in summary
    assert f"{moves[7][0]} → {moves[7][1]}" in summary and f"{moves[8][0]} → {moves[8][1]} " not in summary
    assert "Changed words" in summary and "Articles by kind" in summary and "By section" not in summary
