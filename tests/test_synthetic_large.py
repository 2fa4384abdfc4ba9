"""Large synthetic consultations written in chunks: deterministic, readable by the intake, truth beside them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from charterwatch.consult.dedup import find_duplicates
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.shingles import normalise
from charterwatch.consult.synthetic import polis_ideas
from charterwatch.consult.synthetic_large import read_truth, write_large

POLIS = Path("data/consultations/polis-opendata")


def test_chunks_are_deterministic_and_the_truth_matches(shared_dir: Path, tmp_path: Path) -> None:
    ideas = polis_ideas(shared_dir / POLIS)
    first, truth_path = write_large(ideas, tmp_path / "a", size=3000, seed=4, chunk=700)
    second, _ = write_large(ideas, tmp_path / "b", size=3000, seed=4, chunk=700)
    assert first.read_bytes() == second.read_bytes()
    proposals = read_proposals(first)
    truth = read_truth(truth_path)
    assert [p.id for p in proposals] == list(truth) and len(truth) == 3000
    groups = Counter(truth.values())
    letters = sum(n for g, n in groups.items() if g.startswith("campaign"))
    assert 0.25 < letters / 3000 < 0.35 and sum(g.startswith("campaign") for g in groups) == 8
    real = {normalise(idea.text) for idea in ideas}
    as_sent = [p for p in proposals if not truth[p.id].startswith("campaign") and normalise(p.text) in real]
    assert (
        0.4 < len(as_sent) / (3000 - letters) < 0.75
    )  # half sent as they are (edits may leave a text whole)
    popular = groups.most_common()
    assert popular[8][1] > 10 * popular[-1][1]  # a few ideas are sent far more often than most


def test_dedup_finds_the_written_groups(shared_dir: Path, tmp_path: Path) -> None:
    proposals_path, truth_path = write_large(polis_ideas(shared_dir / POLIS), tmp_path, size=800, seed=2)
    truth = read_truth(truth_path)
    dedup = find_duplicates(read_proposals(proposals_path))
    found = Counter((dedup.group_of[p], g) for p, g in truth.items())
    pairs = sum(n * (n - 1) // 2 for n in found.values())
    true_pairs = sum(n * (n - 1) // 2 for n in Counter(truth.values()).values())
    found_pairs = sum(n * (n - 1) // 2 for n in Counter(dedup.group_of[p] for p in truth).values())
    assert pairs / found_pairs >= 0.95 and pairs / true_pairs >= 0.95
