"""The development texts of the rights audit (tests/fixtures/rights): their annotations and their scores.

The gold there is hand-made (see its SOURCES.md); these tests keep every quote tied to its text and hold the
measured scores as floors, so a change that loses a clause on a text the rules were not written for fails here.
The floors are the figures in docs/rights.md, rounded down; raise them when the detector gets better.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from charterwatch.rights.evaluate import evaluate, from_folder_or_bundled
from charterwatch.rights.scoring import Score
from charterwatch.texts.corpus import corpus_entry

FOLDER = Path(__file__).parent / "fixtures" / "rights"
GOLD = FOLDER / "gold.jsonl"

# doc -> (precision, recall, verdict agreement, safeguards right)
FLOORS = {
    "am-2015-en.txt": (1.0, 0.97, 0.95, 7),
    "kz-1995-kk-as-of-2022.txt": (1.0, 1.0, 1.0, 8),
    "ke-2010-en.txt": (1.0, 0.85, 1.0, 5),
}


@cache
def _scores() -> dict[str, Score]:
    return evaluate(GOLD, resolve=from_folder_or_bundled(FOLDER))


def _text(doc: str) -> str:
    path = FOLDER / doc
    return (path if path.exists() else corpus_entry(doc).path()).read_text(encoding="utf-8")


def test_every_quote_of_the_dev_gold_is_in_its_text() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    quoted = [r for r in rows if r.get("quote") and "[...]" not in r["quote"]]
    assert len(quoted) > 60
    for row in quoted:
        assert row["quote"] in _text(row["doc"]), row


@pytest.mark.parametrize("doc", sorted(FLOORS))
def test_dev_texts_hold_their_measured_scores(doc: str) -> None:
    result = _scores()[doc]
    precision, recall, agreement, safeguards = FLOORS[doc]
    detail = f"missed {result.missed}, extra {result.extra}, verdicts {result.verdict_disagreements}"
    assert result.precision >= precision, detail
    assert result.recall >= recall, detail
    assert result.verdict_agreement >= agreement, detail
    assert result.safeguards_right >= safeguards, result.safeguard_errors
