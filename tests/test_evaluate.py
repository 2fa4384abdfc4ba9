"""evaluate: precision, recall and F1 over (new, old) links, kind accuracy, disagreements, gold files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.compare.evaluate import load_gold, score_alignment
from charterwatch.texts.compare.model import AlignedPair, PairKind

GOLD: list[dict[str, Any]] = [
    {"new": "1", "old": ["1"], "kind": "same"},
    {"new": "2", "old": ["3"], "kind": "renumbered"},
    {"new": "3", "old": ["4", "5"], "kind": "merged"},
    {"new": "4", "old": [], "kind": "new"},
    {"old_removed": "2"},
]


def pair(kind: PairKind, new: list[str], old: list[str]) -> AlignedPair:
    return AlignedPair(kind, new, old, 1.0)


def perfect() -> list[AlignedPair]:
    return [
        pair("same", ["1"], ["1"]),
        pair("renumbered", ["2"], ["3"]),
        pair("merged", ["3"], ["4", "5"]),
        pair("new", ["4"], []),
        pair("removed", [], ["2"]),
    ]


def test_a_perfect_alignment_scores_one() -> None:
    score = score_alignment(perfect(), GOLD)
    assert (score.precision, score.recall, score.f1, score.kind_accuracy) == (1.0, 1.0, 1.0, 1.0)
    assert score.links_gold == score.links_found == score.links_correct == 6  # a merge is two links
    assert score.disagreements == []


def test_a_missed_merge_costs_recall_and_precision() -> None:
    pairs = perfect()
    pairs[2] = pair("renumbered", ["3"], ["4"])
    pairs.append(pair("removed", [], ["5"]))
    score = score_alignment(pairs, GOLD)
    assert score.recall == pytest.approx(5 / 6)
    assert score.precision == pytest.approx(5 / 6)
    assert {"what": "missing", "new": "3", "old": "5"} in score.disagreements
    assert {"what": "extra", "new": None, "old": "5"} in score.disagreements


def test_scores_without_pseudo_links_count_only_real_links() -> None:
    pairs = perfect()
    pairs[2] = pair("renumbered", ["3"], ["4"])
    pairs.append(pair("removed", [], ["5"]))
    score = score_alignment(pairs, GOLD)
    # real gold links: (1,1), (2,3), (3,4), (3,5); found: (1,1), (2,3), (3,4)
    assert score.recall_links_only == pytest.approx(3 / 4)
    assert score.precision_links_only == 1.0
    assert score.f1_links_only == pytest.approx(2 * 0.75 / 1.75)
    assert score_alignment(perfect(), GOLD).f1_links_only == 1.0


def test_feeder_links_count_as_links() -> None:
    pairs = perfect()
    pairs[1] = AlignedPair("renumbered", ["2"], ["3"], 1.0, fed_by=["2"])  # paragraphs of removed 2 fed new 2
    score = score_alignment(pairs, GOLD)
    assert {"what": "extra", "new": "2", "old": "2"} in score.disagreements
    assert score.links_found == 7


def test_kinds_are_scored_only_where_the_links_agree() -> None:
    pairs = perfect()
    pairs[1] = pair("moved", ["2"], ["3"])
    pairs[0] = pair("same", ["1"], ["2"])
    score = score_alignment(pairs, GOLD)
    assert score.kind_accuracy == pytest.approx(2 / 3)  # new 1 disagrees on links: not counted
    assert {"what": "kind", "new": "2", "gold": "renumbered", "found": "moved"} in score.disagreements


def test_a_new_article_found_as_a_match_is_an_extra_link_and_a_missing_one() -> None:
    pairs = [*perfect()[:3], pair("amended", ["4"], ["2"])]
    score = score_alignment(pairs, GOLD)
    assert score.links_found == 5
    assert {"what": "extra", "new": "4", "old": "2"} in score.disagreements
    assert {"what": "missing", "new": "4", "old": None} in score.disagreements
    assert {"what": "missing", "new": None, "old": "2"} in score.disagreements


def test_empty_sides_score_without_dividing_by_zero() -> None:
    assert score_alignment([], []).f1 == 1.0
    assert score_alignment([], GOLD).f1 == 0.0


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_gold_reads_json_lines_and_skips_blank_ones(tmp_path: Path) -> None:
    path = write(tmp_path, [json.dumps(line, ensure_ascii=False) for line in GOLD] + ["", "  "])
    assert load_gold(path) == GOLD


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "line 2"),
        ("[1, 2]", "not a JSON object"),
        ('{"new": "7", "old": "8"}', '"old" (a list'),
        ('{"new": "7", "old": ["8"], "kind": "rewritten"}', "unknown kind 'rewritten'"),
        ('{"old_removed": ["8"]}', "old_removed must be"),
    ],
)
def test_a_bad_gold_line_is_named(tmp_path: Path, line: str, reason: str) -> None:
    path = write(tmp_path, ['{"new": "1", "old": ["1"], "kind": "same"}', line])
    with pytest.raises(CharterwatchError) as caught:
        load_gold(path)
    assert caught.value.code is E.ALIGN_GOLD_INVALID
    assert reason in caught.value.message


def test_a_missing_gold_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(CharterwatchError) as caught:
        load_gold(tmp_path / "nope.jsonl")
    assert caught.value.code is E.FILE_NOT_FOUND
