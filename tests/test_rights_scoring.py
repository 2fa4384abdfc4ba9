"""Scoring against the hand-checked gold (shared/gold/rights_kz1995.jsonl), and the scoring rule itself.

The detector reaches precision 1.0, recall 1.0 and verdict agreement 1.0 on this gold in English and in
Russian, and gets all 16 safeguards right. That is a development set the rules were tuned on, so the test
asserts the acceptance targets (>= 0.9 each, every safeguard right), not perfection: generalisation is judged on
constitutions annotated outside the repository.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.evaluate import evaluate
from charterwatch.rights.scoring import load_gold, predicted_pairs, score

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "rights_kz1995.jsonl"
needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the repository")
_evaluate = cache(evaluate)


@needs_gold
@pytest.mark.parametrize("doc", ["kz-1995-en-as-of-2022.txt", "kz-1995-ru-as-of-2023.txt", "all"])
def test_detector_meets_the_acceptance_targets_on_the_gold(doc: str) -> None:
    result = _evaluate(GOLD)[doc]
    detail = f"missed {result.missed}, extra {result.extra}, verdicts {result.verdict_disagreements}"
    assert result.precision >= 0.9, detail
    assert result.recall >= 0.9, detail
    assert result.verdict_agreement >= 0.9, detail
    assert result.safeguards_right == result.safeguards_total, result.safeguard_errors


def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_direct_phrases_score_as_their_ground_and_optional_lines_do_not_count(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "doc": "d",
            "article": "1",
            "phrases": ["state_security"],
            "verdicts": ["permitted"],
            "kind": "specific",
        },
        {"doc": "d", "article": "2", "phrases": ["extremism"], "verdicts": ["conditional"], "optional": True},
        {"doc": "d", "safeguard": "censorship_ban", "present": True, "article": "3"},
        {"doc_differences": "a note, skipped"},
    ]
    gold = load_gold(_write(tmp_path, rows))
    ours = predicted_pairs(
        "d", [("1", "national_security", "not_permitted"), ("2", "extremism", "conditional")]
    )
    result = score(gold, ours, {("d", "censorship_ban"): True})
    assert (result.precision, result.recall, result.verdict_agreement) == (1.0, 1.0, 0.0)
    assert result.verdict_disagreements == [(("d", "1", "national_security"), "permitted", "not_permitted")]
    assert (result.safeguards_right, result.safeguards_total) == (1, 1)


def test_extra_and_missed_pairs(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {
            "doc": "d",
            "article": "1",
            "phrases": ["public_order", "extremism"],
            "verdicts": ["permitted", "conditional"],
        }
    ]
    gold = load_gold(_write(tmp_path, rows))
    result = score(
        gold,
        predicted_pairs("d", [("1", "public_order_phrase", "permitted"), ("9", "terrorism", "conditional")]),
    )
    assert (result.precision, result.recall) == (0.5, 0.5)
    assert result.missed == [("d", "1", "extremism")] and result.extra == [("d", "9", "terrorism")]


def test_a_broken_gold_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"doc": "d", "article": "1", "phrases": ["x"], "verdicts": []}])
    with pytest.raises(CharterwatchError) as info:
        load_gold(path)
    assert info.value.code is E.GOLD_INVALID
