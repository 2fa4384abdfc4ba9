"""Sub-article alignment: paragraphs compared by lemma attach reworded pieces and record paragraphs that fed
an article from another one (several old articles feeding one new article)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from charterwatch.texts.compare import compare
from charterwatch.texts.compare.align import align
from charterwatch.texts.compare.donors import donor_texts
from charterwatch.texts.compare.evaluate import load_gold, pair_links, score_alignment
from charterwatch.texts.compare.model import comparison_from_dict
from charterwatch.texts.compare.paragraphs import lemma, units
from charterwatch.texts.compare.report import render
from charterwatch.texts.compare.synthetic import make_variant
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText

GOLD = Path(__file__).parent / "fixtures" / "align"


@cache
def bundled(file: str) -> ParsedText:
    entry = corpus_entry(file)
    return parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang)


def test_units_are_paragraphs_or_sentences() -> None:
    text = parse_text(
        "Статья 1\n1. Первая часть о правах.\n2. Вторая часть о свободах.\nСтатья 2\nОдно. Другое; третье.\n",
        lang="ru",
    )
    first, second = text.articles()
    assert units(first) == ["Первая часть о правах.", "Вторая часть о свободах."]  # numbers are labels
    assert units(second) == ["Одно.", "Другое;", "третье."]
    assert lemma("судами", "ru") == "суд" and lemma("parliamentary", "en") == "parli"


def test_the_supreme_arbitration_court_merged_into_the_supreme_court() -> None:
    """Russia 2014: Art. 127 (the Supreme Arbitration Court) was struck out and its economic disputes went to the
    Supreme Court of Art. 126. Hand-made answer for this development pair: tests/fixtures/align/."""
    old, new = bundled("ru-1993-ru-as-of-2008-12-30-6fkz.txt"), bundled("ru-1993-ru-as-of-2019-03-27.txt")
    pairs = align(old, new)
    merged = next(p for p in pairs if "126" in p.new)
    assert (merged.kind, merged.old) == ("merged", ["126", "127"])
    score = score_alignment(pairs, load_gold(GOLD / "ru-2008-2019.jsonl"))
    assert (score.f1, score.f1_links_only, score.disagreements) == (1.0, 1.0, [])


@pytest.mark.parametrize("file", ["kz-1995-ru-as-of-2023.txt", "ru-1993-ru-as-of-2008-12-30-6fkz.txt"])
def test_paragraphs_moved_between_living_articles_are_feeder_links(file: str) -> None:
    source = bundled(file)
    donors = tuple(donor_texts(source, corpus_entry(file)))
    truth: set[tuple[str | None, str | None]] = set()
    found: set[tuple[str | None, str | None]] = set()
    for seed in (1, 2, 3):
        variant = make_variant(source, seed=seed, donors=donors, word_rate=0.1, transfers=3)
        new_nums, old_nums = [a.num for a in variant.text.articles()], [a.num for a in source.articles()]
        truth |= {(new_nums[j], old_nums[i]) for g in variant.groups for j, i in g.feeders}
        pairs = align(source, variant.text)
        found |= {(n, o) for p in pairs for n in p.new for o in p.fed_by}
        assert pair_links(pairs)[0] >= {(n, o) for p in pairs for n in p.new for o in p.fed_by}
    assert len(truth) == 9
    assert found <= truth  # no paragraph is said to have moved that did not
    assert len(found) >= 6


def test_feeders_are_shown_and_survive_json() -> None:
    source = bundled("ru-1993-ru-as-of-2008-12-30-6fkz.txt")
    donors = tuple(donor_texts(source, corpus_entry("ru-1993-ru-as-of-2008-12-30-6fkz.txt")))
    variant = make_variant(source, seed=1, donors=donors, word_rate=0.1, transfers=3)
    comparison = compare(source, variant.text, old_ref="a", new_ref="b")
    fed = [p for p in comparison.pairs if p.fed_by]
    assert fed
    assert f"(+ paragraphs of {', '.join(fed[0].fed_by)})" in render(comparison, fmt="md")
    assert comparison_from_dict(json.loads(render(comparison, fmt="json"))) == comparison
