"""Change kinds on two axes: where an article stands (its kind) and how much its wording changed (text_change)."""

from __future__ import annotations

import json

import pytest

from charterwatch.texts.compare import compare
from charterwatch.texts.compare.model import TEXT_CHANGES, AlignedPair, Comparison
from charterwatch.texts.compare.report import render
from charterwatch.texts.compare.textchange import normalised_share, text_change
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import parse_file
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText


def bundled(file: str) -> ParsedText:
    parsed, _ = parse_file(corpus_entry(file).path(), lang="ru")
    return parsed


@pytest.fixture(scope="module")
def ru_2008_2019() -> Comparison:
    old = bundled("ru-1993-ru-as-of-2008-12-30-6fkz.txt")
    new = bundled("ru-1993-ru-as-of-2019-03-27.txt")
    return compare(old, new, old_ref="RU@2008", new_ref="RU@2019")


@pytest.fixture(scope="module")
def kz_1995_2026() -> Comparison:
    return compare(
        bundled("kz-1995-ru-as-of-2023.txt"),
        bundled("kz-2026-ru.txt"),
        old_ref="KZ@1995-ru",
        new_ref="KZ@2026",
    )


def by_new(comparison: Comparison, num: str) -> AlignedPair:
    return next(p for p in comparison.pairs if num in p.new)


def test_bands_of_the_text_axis() -> None:
    def kind(deleted: int, inserted: int, share: float) -> str:
        return text_change(
            words_old=50, words_new=50, deleted=deleted, inserted=inserted, normalised_share=share
        )

    assert kind(0, 0, 0.0) == "unchanged"
    assert kind(1, 1, 0.0) == "minor"
    assert kind(1, 1, 0.02) == "amended"
    assert kind(25, 25, 0.5) == "amended"  # exactly half changed: still amended
    assert kind(26, 25, 0.5) == "rewritten"


def test_only_numbers_case_and_renamed_bodies_are_minor() -> None:
    old = "Парламент принимает законы в порядке, установленном статьей 44."
    new = "Курултай принимает законы в порядке, установленном статьей 46."
    assert normalised_share(old, new, lang="ru") == 0.0
    assert normalised_share(old, new.replace("законы", "решения"), lang="ru") > 0.0


def test_a_renumbered_article_says_how_its_text_changed() -> None:
    old = parse_text(
        "Статья 1\nГосударство охраняет права человека и гражданина.\n"
        "Статья 2\nСуды независимы и подчиняются только закону.\n"
        "Статья 3\nПарламент собирается на сессии, указанные в статье 2.\n",
        lang="ru",
    )
    new = parse_text(
        "Статья 1\nЗемля и её недра принадлежат народу целиком и полностью.\n"
        "Статья 2\nГосударство охраняет права человека и гражданина.\n"
        "Статья 3\nСуды независимы и подчиняются только Конституции и закону.\n"
        "Статья 4\nКурултай собирается на сессии, указанные в статье 3.\n",
        lang="ru",
    )
    comparison = compare(old, new, old_ref="a", new_ref="b")
    labels = {p.new[0]: p.label for p in comparison.pairs if p.new}
    assert labels == {
        "1": "new",
        "2": "renumbered, unchanged",
        "3": "renumbered, amended",
        "4": "renumbered, minor edits",
    }
    stats = comparison.stats
    assert stats.new_by_text == {"new": 1, "unchanged": 1, "amended": 1, "minor": 1}
    assert (stats.new_articles_changed, stats.new_articles_changed_beyond_minor) == (3, 2)
    assert stats.by_axes == {"renumbered": {"unchanged": 1, "amended": 1, "minor": 1}}


def test_real_amendments_keep_their_number_and_say_how_much_changed(ru_2008_2019: Comparison) -> None:
    assert by_new(ru_2008_2019, "129").label == "same number, rewritten"  # the prosecution, 2014
    assert by_new(ru_2008_2019, "65").label == "same number, amended"  # two subjects added: not minor
    assert by_new(ru_2008_2019, "1").label == "same"
    stats = ru_2008_2019.stats
    assert sum(stats.new_by_text.values()) == stats.articles_new
    assert sum(stats.old_by_text.values()) == stats.articles_old
    assert stats.new_articles_changed == stats.articles_new - stats.new_by_text["unchanged"]


def test_renumbered_pairs_are_split_by_wording(kz_1995_2026: Comparison) -> None:
    stats = kz_1995_2026.stats
    renumbered = stats.by_axes["renumbered"]
    assert sum(renumbered.values()) == stats.by_kind["renumbered"]
    assert set(renumbered) <= set(TEXT_CHANGES) and len(renumbered) >= 2
    assert sum(n for cells in stats.by_axes.values() for n in cells.values()) == sum(
        n for kind, n in stats.by_kind.items() if kind not in ("new", "removed")
    )


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_report_shows_both_axes(kz_1995_2026: Comparison, fmt: str) -> None:
    report = render(kz_1995_2026, fmt=fmt)
    assert "renumbered, amended" in report and "Articles changed" in report
    assert "position \\ wording" in report or "position \\\\ wording" in report


def test_json_carries_labels_and_article_counts(kz_1995_2026: Comparison) -> None:
    data = json.loads(render(kz_1995_2026, fmt="json"))
    assert [p["label"] for p in data["pairs"]] == [p.label for p in kz_1995_2026.pairs]
    assert data["stats"]["new_articles_changed"] == kz_1995_2026.stats.new_articles_changed
    assert {p["text_change"] for p in data["pairs"]} <= {None, *TEXT_CHANGES}
