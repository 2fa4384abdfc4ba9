"""synthetic.make_variant: deterministic variants whose truth and applied word-change share are exact."""

from __future__ import annotations

from functools import cache

import pytest

from charterwatch.texts.compare.donors import donor_texts, foreign, markov_articles
from charterwatch.texts.compare.normalise import words
from charterwatch.texts.compare.synthetic import Variant, make_variant
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText


@cache
def source(file: str) -> ParsedText:
    entry = corpus_entry(file)
    return parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang)


@cache
def donors(file: str) -> tuple[str, ...]:
    return tuple(donor_texts(source(file), corpus_entry(file)))


def variant(file: str = "kz-1995-ru-as-of-2023.txt", **options: object) -> Variant:
    settings: dict[str, object] = {"seed": 1, "donors": donors(file)} | options
    return make_variant(source(file), **settings)  # type: ignore[arg-type]


def test_same_seed_same_variant() -> None:
    first, second = variant(word_rate=0.2), variant(word_rate=0.2)
    assert first.gold == second.gold
    assert first.text.to_dict() == second.text.to_dict()
    assert variant(seed=2, word_rate=0.2).gold != first.gold


def test_the_source_is_left_untouched() -> None:
    before = source("kz-1995-ru-as-of-2023.txt").to_dict()
    variant(word_rate=0.3, splits=3, merges=3)
    assert source("kz-1995-ru-as-of-2023.txt").to_dict() == before


def test_without_edits_pieces_join_back_into_their_old_articles() -> None:
    result = variant(word_rate=0.0, deletions=0, insertions=0, moves=0, splits=3, merges=3)
    old = source("kz-1995-ru-as-of-2023.txt")
    new_text = {a.num: a.norm_text() for a in result.text.articles()}
    kinds = {line["kind"] for line in result.gold if "kind" in line}
    assert {"split", "merged"} <= kinds
    for line in result.gold:
        if line.get("kind") in ("split", "merged"):
            joined_old = " ".join(str(old.article(n).norm_text()) for n in line["old"])  # type: ignore[union-attr]
            pieces = [n for other in result.gold if other.get("old") == line["old"] for n in [other["new"]]]
            assert words(" ".join(new_text[n] for n in pieces)) == words(joined_old)
    assert result.word_change_rate == 0.0


def test_every_old_article_has_one_fate_and_every_new_article_one_origin() -> None:
    result = variant(word_rate=0.1, deletions=3, insertions=3, splits=2, merges=2, moves=2)
    old_nums = [a.num for a in source("kz-1995-ru-as-of-2023.txt").articles()]
    new_nums = [a.num for a in result.text.articles()]
    assert sorted(line["new"] for line in result.gold if "new" in line) == sorted(new_nums)
    fates = [line["old_removed"] for line in result.gold if "old_removed" in line]
    fates += sorted({o for line in result.gold for o in line.get("old", [])})
    assert sorted(fates) == sorted(old_nums)
    assert len(set(new_nums)) == len(new_nums)
    assert result.ops == {"deletions": 3, "merges": 2, "splits": 2, "moves": 2, "insertions": 3}
    moved = {line["new"] for line in result.gold if line.get("kind") == "moved"}
    assert set(result.moved) == moved


def test_the_repealed_article_is_a_removal_in_the_truth() -> None:
    result = variant(word_rate=0.0, deletions=0, insertions=0, moves=0, splits=0, merges=0)
    assert result.gold.count({"old_removed": "84"}) == 1


@pytest.mark.parametrize("rate", [0.05, 0.2])
def test_edits_hit_the_rate_in_every_article(rate: float) -> None:
    result = variant(word_rate=rate, deletions=0, insertions=0, moves=0, splits=0, merges=0, renumber=False)
    changed = result.words_deleted + result.words_inserted
    # each edited word: a deletion (1 deleted), a substitution (1 + 1) or an insertion (1 inserted)
    edited = result.words_old * rate
    assert edited * 0.95 < changed < edited * 2 * 1.05
    assert {line.get("kind", "removed") for line in result.gold} <= {"same", "amended", "removed"}


def test_numbers_are_kept_without_renumbering() -> None:
    result = variant(word_rate=0.0, deletions=0, insertions=2, moves=1, splits=1, merges=0, renumber=False)
    nums = [a.num for a in result.text.articles()]
    old_nums = {a.num for a in source("kz-1995-ru-as-of-2023.txt").articles()}
    suffixed = [n for n in nums if n not in old_nums]
    assert len(suffixed) == 4  # two inserted, one moved, one split-off piece: "N.1"
    assert all("." in str(n) for n in suffixed)
    assert {line.get("kind") for line in result.gold} >= {"same", "new", "moved", "split"}


@pytest.mark.parametrize(
    "file",
    [
        "kz-1995-ru-as-of-2023.txt",
        "ru-1993-ru-original.txt",
        "kz-1995-en-as-of-2022.txt",
        "kz-1995-kk-as-of-2022.txt",
    ],
)
def test_every_text_has_foreign_donors(file: str) -> None:
    assert len(donors(file)) >= 20
    assert all(len(words(text)) >= 10 for text in donors(file))


def test_a_twin_of_a_source_article_is_not_foreign() -> None:
    text = source("ru-1993-ru-original.txt")
    twin = "Каждый имеет право на жизнь. Никто не вправе произвольно лишать человека жизни. Смертная казнь запрещается."
    assert foreign([twin], text, lang="ru") == []


def test_markov_articles_are_seeded() -> None:
    text = source("kz-1995-en-as-of-2022.txt")
    assert markov_articles(text, seed=3, count=5) == markov_articles(text, seed=3, count=5)
    assert markov_articles(text, seed=3, count=5) != markov_articles(text, seed=4, count=5)
