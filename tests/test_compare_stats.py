"""compare(): redlines and word figures per pair, statistics for the whole text and per section."""

from __future__ import annotations

import itertools
from functools import cache

import pytest

from charterwatch.texts.compare import compare, comparison_method
from charterwatch.texts.compare.diffing import piece_counts
from charterwatch.texts.compare.model import AlignedPair, Comparison
from charterwatch.texts.compare.patience import matches
from charterwatch.texts.compare.redline import changed_words, redline, word_count
from charterwatch.texts.compare.stats import article_sections, change_stats, section_stats
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText


@cache
def parsed(file: str) -> ParsedText:
    entry = corpus_entry(file)
    return parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang)


@cache
def kazakhstan() -> Comparison:
    return compare(
        parsed("kz-1995-ru-as-of-2023.txt"),
        parsed("kz-2026-ru.txt"),
        old_ref="KZ@1995-ru",
        new_ref="KZ@2026-ru",
    )


OLD = "Каждый имеет право на свободу слова. Цензура запрещается; никто не может быть принужден."
NEW = "Каждому гарантируется свобода слова и творчества. Цензура запрещается, никто не может быть принужден к этому."


@pytest.mark.parametrize(
    ("old", "new"), [(OLD, NEW), (NEW, OLD), ("", NEW), (OLD, ""), (OLD, OLD), ("a b", "b a")]
)
def test_a_redline_joins_back_into_both_texts(old: str, new: str) -> None:
    ops = redline(old, new)
    assert "".join(op.text for op in ops if op.op != "delete") == new
    assert "".join(op.text for op in ops if op.op != "insert").split() == old.split()
    assert all(op.text for op in ops)
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))


def test_word_figures_of_a_redline_balance() -> None:
    deleted, inserted = changed_words(redline(OLD, NEW))
    assert word_count(OLD) - deleted == word_count(NEW) - inserted  # the words kept
    assert (deleted, inserted) == (5, 7)  # "Каждый имеет право на свободу" for 7 words


def test_repeated_phrases_do_not_pull_the_diff_out_of_place() -> None:
    sentence = "Конституционный Суд по запросам Президента разрешает дела о соответствии Конституции {}."
    old = " ".join(sentence.format(x) for x in ["законов", "договоров", "актов", "уставов"])
    new = old.replace("договоров", "соглашений").replace("уставов", "положений")
    assert changed_words(redline(old, new)) == (2, 2)


def test_matches_increase_in_both_sequences() -> None:
    pairs = matches(list("abcabba"), list("cbabac"))
    assert all(a < c and b < d for (a, b), (c, d) in itertools.pairwise(pairs))
    assert len(pairs) == 4  # the longest common subsequence of the two


def test_the_words_of_a_split_article_count_once() -> None:
    pieces = [
        "Каждому гарантируется свобода слова и творчества.",
        "Цензура запрещается, никто не может быть принужден к этому.",
    ]
    counts = piece_counts(OLD, pieces)
    assert sum(c.words_old for c in counts) == word_count(OLD)
    assert [c.words_new for c in counts] == [word_count(p) for p in pieces]
    assert sum(c.words_deleted + c.words_inserted for c in counts) == sum(
        changed_words(redline(OLD, " ".join(pieces)))
    )
    assert counts[1].words_deleted == 0  # "Цензура запрещается; никто ..." kept its words


def test_whole_text_figures_add_up() -> None:
    comparison = kazakhstan()
    stats = comparison.stats
    old, new = parsed("kz-1995-ru-as-of-2023.txt"), parsed("kz-2026-ru.txt")
    assert stats.words_old == sum(word_count(a.norm_text()) for a in old.articles())
    assert stats.words_new == sum(word_count(a.norm_text()) for a in new.articles())
    assert stats.words_old - stats.words_deleted == stats.words_new - stats.words_inserted
    assert sum(stats.old_by_kind.values()) == stats.articles_old == 102
    assert sum(stats.new_by_kind.values()) == stats.articles_new == 96
    assert "new" not in stats.old_by_kind and "removed" not in stats.new_by_kind
    assert sum(stats.by_kind.values()) == len(comparison.pairs)
    assert 0 < stats.changed_word_share < 1 and 0 < stats.deleted_word_share < 1
    assert comparison.method == comparison_method()


def test_section_figures_add_up_to_the_whole() -> None:
    comparison = kazakhstan()
    sections = comparison.sections
    assert next(iter(sections)) == "Раздел I. Основы конституционного строя"
    assert len(sections) == 11
    for field in (
        "words_old",
        "words_new",
        "words_deleted",
        "words_inserted",
        "articles_old",
        "articles_new",
    ):
        assert sum(getattr(s, field) for s in sections.values()) == getattr(comparison.stats, field), field


def test_every_pair_carries_its_redline_and_figures() -> None:
    for pair in kazakhstan().pairs:
        assert pair.words_old - pair.words_deleted == pair.words_new - pair.words_inserted
        if pair.kind == "same":
            assert pair.words_deleted == pair.words_inserted == 0
        if pair.kind == "new":
            assert [op.op for op in pair.redline] == ["insert"] and pair.words_inserted == pair.words_new
        if pair.kind == "removed":
            assert pair.words_deleted == pair.words_old
        assert pair.text_changed == (pair.words_deleted + pair.words_inserted > 0) or pair.kind == "split"


def test_a_split_article_gives_each_piece_the_redline_against_it() -> None:
    split = [p for p in kazakhstan().pairs if p.kind == "split"]
    assert split
    old_text = parsed("kz-1995-ru-as-of-2023.txt").article(split[0].old[0]).norm_text()  # type: ignore[union-attr]
    pieces = [p for p in split if p.old == split[0].old]
    assert len(pieces) >= 2
    for piece in pieces:
        assert "".join(op.text for op in piece.redline if op.op != "insert").split() == old_text.split()
    assert sum(p.words_old for p in pieces) == word_count(old_text)


def test_shares_of_articles_and_words() -> None:
    pairs = [
        AlignedPair("same", ["1"], ["1"], 1.0, words_old=10, words_new=10),
        AlignedPair(
            "amended", ["2"], ["2"], 0.8, words_old=10, words_new=12, words_deleted=2, words_inserted=4
        ),
        AlignedPair("new", ["3"], [], 0.0, words_new=8, words_inserted=8),
        AlignedPair("removed", [], ["3"], 0.0, words_old=20, words_deleted=20),
    ]
    stats = change_stats(pairs, articles_old=3, articles_new=3)
    assert stats.by_kind == {"same": 1, "amended": 1, "new": 1, "removed": 1}
    assert stats.old_share("removed") == pytest.approx(1 / 3)
    assert stats.new_share("new") == pytest.approx(1 / 3)
    assert stats.changed_word_share == pytest.approx((22 + 12) / (40 + 30))
    assert stats.deleted_word_share == pytest.approx(22 / 40)
    assert stats.inserted_word_share == pytest.approx(12 / 30)


def test_a_removed_article_counts_where_its_text_stood() -> None:
    text = parsed("kz-2026-ru.txt")
    sections = article_sections(text)
    last_of_first = max((n for n, s in sections.items() if s.startswith("Раздел I.")), key=int)
    pairs = [
        AlignedPair("renumbered", [last_of_first], ["9"], 0.9),
        AlignedPair("removed", [], ["10"], 0.0, words_old=5, words_deleted=5),
        AlignedPair("renumbered", [str(int(last_of_first) + 1)], ["11"], 0.9),
    ]
    stats = section_stats(pairs, text)
    assert stats["Раздел I. Основы конституционного строя"].words_deleted == 5
