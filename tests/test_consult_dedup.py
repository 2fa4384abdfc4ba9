"""Duplicates and campaigns: exact and near copies merged, same-frame different ideas kept apart, merges undone,
and the acceptance figures on generated consultations (pair precision and recall at least 0.95)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charterwatch.consult.dedup import find_duplicates, merge, split_off, undo
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.model import Proposal
from charterwatch.consult.synthetic import generate, polis_ideas

POLIS = Path("data/consultations/polis-opendata")


def _proposals(*texts: str) -> list[Proposal]:
    return [Proposal(id=f"p{k}", text=text) for k, text in enumerate(texts)]


def test_exact_and_near_copies_are_one_idea() -> None:
    dedup = find_duplicates(
        _proposals(
            "Keep Article 26: land must not be sold to foreigners.",
            "keep article 26 - land must NOT be sold to foreigners!!",
            "Keep Article 26: land must not be sold to foriegners. Thank you.",
            "Free secondary education must stay guaranteed in every language of our peoples.",
        )
    )
    assert dedup.summary() == "2 unique ideas, 2 copies, 0 campaigns"
    group = dedup.group(dedup.group_of["p0"])
    assert group.members == ["p0", "p1", "p2"] and group.representative == "p0"
    assert [record.reason.split(":")[0] for record in group.log] == [
        "same text after normalisation",
        "near-duplicate of p0",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Real Polis comments a moderator accepted as distinct ideas, one sentence frame apart.
        ("I identify as female.", "I identify as male."),
        ("My household income is less than $50,000", "My household income is less than $100,000"),
        ("I own more than 1 housing units", "I own 1 housing unit"),
        ("Recreational marijuana should be legal.", "Medical marijuana should be legal."),
        ("Marijuana should be legalized and taxed.", "Marijuana should not be legalized."),
        ("I live in a town", "I live in a city"),
        (
            "Those who support overrepresented parties are more likely to oppose electoral reform.",
            "Those who support underrepresented parties are more likely to support electoral reform.",
        ),
        ("I think there should be incentives for voting.", "I think there should be a voting holiday."),
        ("Изменить статью 23 Конституции", "Изменить статью 24 Конституции"),
    ],
)
def test_same_frame_different_idea_is_not_merged(a: str, b: str) -> None:
    assert find_duplicates(_proposals(a, b)).ideas == 2


def test_a_combined_text_does_not_chain_two_ideas() -> None:
    dedup = find_duplicates(
        _proposals(
            "Leash laws should be enacted and enforced in the county as they are in the city.",
            "Lease laws and noise ordinances should be enacted and enforced in the county as they are in the city.",
            "Noise ordinances should be enacted and enforced in the county as they are in the city.",
        )
    )
    assert dedup.group_of["p0"] != dedup.group_of["p2"]


def test_merges_are_reversible() -> None:
    dedup = find_duplicates(
        _proposals("Keep article 20 on free speech", "keep article 20 on free speech!", "Ban x")
    )
    assert dedup.ideas == 2
    undone = undo(dedup, dedup.group_of["p0"])
    assert undone.members == ["p1"] and dedup.ideas == 3
    kept = merge(dedup, dedup.group_of["p0"], dedup.group_of["p2"], by="reviewer A", reason="same demand")
    assert kept.members == ["p0", "p2"] and dedup.ideas == 2
    assert kept.log[-1].by == "reviewer A"
    undo(dedup, kept.id)
    assert dedup.ideas == 3
    split = split_off(dedup, ["p0"], by="reviewer B", reason="not the same")
    assert split.members == ["p0"]


def test_polis_comments_on_one_topic_are_never_merged(shared_dir: Path) -> None:
    """Comments of one conversation share its topic; those a moderator accepted are distinct ideas."""
    for conversation in (
        "brexit-consensus",
        "bg2050-volunteers",
        "scoop-hivemind.biodiversity",
        "scoop-hivemind.ubi",
        "london.youth.policing",
        "march-on.operation-marchin-orders",
        "ssis.land-bank-farmland.2rumnecbeh.2021-08-01",
    ):
        comments = read_proposals(shared_dir / POLIS / conversation / "comments.csv")
        accepted = [p for p in comments if p.moderation == 1]
        assert find_duplicates(accepted).copies == 0, conversation


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_consultations_pair_precision_and_recall(shared_dir: Path, seed: int) -> None:
    synthetic = generate(polis_ideas(shared_dir / POLIS), size=1500, seed=seed)
    dedup = find_duplicates(synthetic.proposals)
    truth, found = synthetic.true_pairs(), dedup.pairs()
    hits = len(truth & found)
    assert hits / len(found) >= 0.95
    assert hits / len(truth) >= 0.95
    campaigns = sum(kind == "campaign" for kind in synthetic.kinds.values())
    assert len(dedup.campaigns) == campaigns
    assert all(group.template and "{…}" in group.template for group in dedup.campaigns)


def test_generator_is_deterministic(shared_dir: Path, tmp_path: Path) -> None:
    ideas = polis_ideas(shared_dir / POLIS)
    first, second = generate(ideas, size=300, seed=7), generate(ideas, size=300, seed=7)
    assert [p.text for p in first.proposals] == [p.text for p in second.proposals]
    assert first.truth == second.truth
    proposals, truth = first.write(tmp_path)
    assert [p.text for p in read_proposals(proposals)] == [p.text for p in first.proposals]
    assert len(truth.read_text(encoding="utf-8").splitlines()) == 300
