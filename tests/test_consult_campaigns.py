"""Campaigns: form letters with slots are campaigns, a popular idea resubmitted with typos is not, and real
Polis comments that share a topic never make one; at scale the campaigns found are the generator's."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from charterwatch.consult.campaigns import SLOT, label_campaigns, slots
from charterwatch.consult.dedup import find_duplicates
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.model import DuplicateGroup, Proposal
from charterwatch.consult.noise import OPENERS, resubmit, typo
from charterwatch.consult.shingles import normalise
from charterwatch.consult.synthetic import _fill, polis_ideas
from charterwatch.consult.synthetic_large import write_large
from charterwatch.consult.templates import TEMPLATES
from charterwatch.lang.stop_words import ALL_STOP_WORDS

POLIS = Path("data/consultations/polis-opendata")


def test_a_popular_idea_resubmitted_with_typos_is_not_a_campaign(shared_dir: Path) -> None:
    rng = random.Random(5)
    ideas = [i for i in polis_ideas(shared_dir / POLIS) if i.language == "en" and len(i.text.split()) >= 12]
    for idea in ideas[:4]:
        texts = [idea.text] + [resubmit(idea.text, "en", rng) for _ in range(120)]
        dedup = find_duplicates([Proposal(id=f"p{k}", text=t) for k, t in enumerate(texts)])
        group = max(dedup.groups, key=lambda g: len(g.members))
        assert len(group.members) >= 100, idea.text
        assert len({normalise(texts[int(m[1:])]) for m in group.members}) >= 20  # "many different texts"
        assert group.kind == "copies" and group.template is None, idea.text
        assert dedup.campaigns == []


def test_copies_with_stock_openers_are_not_a_campaign(shared_dir: Path) -> None:
    """At 300,000 generated proposals, groups made mostly of one idea's copies with openers ("I propose:",
    "I think", "In my opinion,") read the opener's place as a slot; a slot must lie inside the letter."""
    rng = random.Random(3)
    ideas = [i for i in polis_ideas(shared_dir / POLIS) if i.language == "en" and len(i.text.split()) >= 12]
    for idea in ideas[:6]:
        texts = [OPENERS["en"][k % 5] + idea.text for k in range(2, 32)]
        texts = [typo(t, rng) if k % 3 else t for k, t in enumerate(texts)]
        assert not slots(texts), idea.text


@pytest.mark.parametrize("number", range(len(TEMPLATES)))
def test_a_slot_filled_form_letter_is_a_campaign_with_its_slots_in_the_template(number: int) -> None:
    rng = random.Random(number)
    template = TEMPLATES[number]
    letters = [_fill(template, rng) for _ in range(40)]
    dedup = find_duplicates([Proposal(id=f"p{k}", text=t) for k, t in enumerate(letters)])
    assert len(dedup.campaigns) == 1 and len(dedup.campaigns[0].members) >= 38  # a letter may be missed
    shown = dedup.campaigns[0].template or ""
    before_name, after_name = template.text.split("{name}")
    after_city = template.text.split("{city}")[1].split("{line}")[0].strip()
    assert f"{before_name.split()[-1]} {SLOT}" in shown  # the name's place is a slot
    assert shown.count(SLOT) >= 2 and after_city.split()[-1] in shown
    assert after_name.split()[0].strip(",") in shown  # the frame around the slots is kept


def test_few_members_or_a_slot_in_a_short_frame_make_no_campaign() -> None:
    letters = [_fill(TEMPLATES[0], random.Random(k)) for k in range(9)]
    assert find_duplicates([Proposal(id=f"p{k}", text=t) for k, t in enumerate(letters)]).campaigns == []
    frame = ["I identify as a " + w for w in ("woman", "man", "Brown person", "veteran", "parent", "student")]
    assert not slots(frame * 5)  # a slot, but a sentence that different ideas share, not a form letter


def test_polis_comments_that_share_a_topic_never_make_a_campaign(shared_dir: Path) -> None:
    """Even forced into one group, comments on one topic have no slots: they are different sentences."""
    checked = 0
    for path in sorted((shared_dir / POLIS).glob("*/comments.csv")):
        comments = read_proposals(path)
        words = Counter(
            w for p in comments for w in set(normalise(p.text).split()) if w not in ALL_STOP_WORDS
        )
        for topic, _ in words.most_common(5):
            sharing = [p for p in comments if topic in normalise(p.text).split()][:60]
            if len(sharing) < 10:
                continue
            group = DuplicateGroup("g", sharing[0].id, [p.id for p in sharing])
            label_campaigns(
                [group], {p.id: p.text for p in sharing}, {p.id: normalise(p.text) for p in sharing}
            )
            assert group.kind == "copies", (path.parent.name, topic)
            checked += 1
    assert checked >= 40


def test_campaigns_at_scale_are_the_generators(shared_dir: Path, tmp_path: Path) -> None:
    """10,000 proposals with Zipf-popular ideas resubmitted with typos: the old rule (>= 5 different texts)
    called 74 groups campaigns here; the slots find the eight form letters and nothing else."""
    ideas = polis_ideas(shared_dir / POLIS, moderation=(1, 0, -1))
    proposals_path, truth_path = write_large(ideas, tmp_path, size=10_000, seed=2)
    records = [json.loads(line) for line in truth_path.read_text(encoding="utf-8").splitlines()]
    truth = {r["id"]: r["group"] for r in records}
    campaigns = {r["group"] for r in records if r["kind"] == "campaign"}
    dedup = find_duplicates(read_proposals(proposals_path))
    found = [Counter(truth[m] for m in g.members).most_common(1)[0][0] for g in dedup.campaigns]
    assert sorted(found) == sorted(campaigns) and len(campaigns) == 8
    popular = [g for g in dedup.groups if g.kind == "copies" and len(g.members) >= 10]
    assert len(popular) >= 50  # large groups of one idea's copies are there, and are not campaigns
