"""Synthetic consultations with a known answer: real ideas, their resubmissions, and form-letter campaigns.

No consultation data with duplicate labels exists (shared/data/consultations/SOURCES.md), so we make it. The
unique ideas are real Polis comments — by default those a Polis moderator accepted, since moderators reject
restatements, so accepted comments are distinct ideas by someone else's judgement. Some ideas are resubmitted
with typos and small edits (``noise.py``); campaigns are form letters (``templates.py``) with each sender's
name, town and chosen sentence. The true group of every proposal is written beside it. Same seed, same data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from charterwatch.consult.intake import read_proposals
from charterwatch.consult.model import GroupKind, Proposal
from charterwatch.consult.noise import resubmit, typo
from charterwatch.consult.shingles import normalise
from charterwatch.consult.templates import CITIES_EN, CITIES_RU, NAMES_EN, NAMES_RU, TEMPLATES, Template


@dataclass(frozen=True)
class Idea:
    text: str
    language: str


@dataclass
class Synthetic:
    """Proposals in submission order, and for each proposal id its true group; each group's kind."""

    proposals: list[Proposal]
    truth: dict[str, str]
    kinds: dict[str, GroupKind]

    def true_pairs(self) -> set[tuple[str, str]]:
        members: dict[str, list[str]] = {}
        for proposal_id, group in self.truth.items():
            members.setdefault(group, []).append(proposal_id)
        return {
            (a, b)
            for ids in members.values()
            for i, a in enumerate(sorted(ids))
            for b in sorted(ids)[i + 1 :]
        }

    def write(self, folder: Path) -> tuple[Path, Path]:
        """``proposals.jsonl`` (readable by the intake) and ``truth.jsonl`` beside it."""
        folder.mkdir(parents=True, exist_ok=True)
        proposals, truth = folder / "proposals.jsonl", folder / "truth.jsonl"
        proposals.write_text(
            "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in self.proposals)
        )
        lines = (
            json.dumps({"id": pid, "group": group, "kind": self.kinds[group]}) + "\n"
            for pid, group in self.truth.items()
        )
        truth.write_text("".join(lines), encoding="utf-8")
        return proposals, truth


def polis_ideas(folder: Path, *, moderation: Iterable[int] = (1,), min_words: int = 4) -> list[Idea]:
    """Comments of every Polis conversation under ``folder`` with a wanted moderation flag, each text once."""
    wanted = set(moderation)
    seen: set[str] = set()
    ideas: list[Idea] = []
    for path in sorted(folder.glob("*/comments.csv")):
        for proposal in read_proposals(path):
            key = normalise(proposal.text)
            if proposal.moderation in wanted and len(key.split()) >= min_words and key not in seen:
                seen.add(key)
                ideas.append(Idea(proposal.text, proposal.language))
    return ideas


def generate(
    ideas: Sequence[Idea],
    *,
    size: int,
    seed: int = 0,
    campaign_share: float = 0.3,
    campaigns: int = 6,
    copied_share: float = 0.15,
    max_copies: int = 4,
) -> Synthetic:
    """``size`` proposals: ``campaign_share`` of them in ``campaigns`` form-letter campaigns, the rest ideas of
    which ``copied_share`` are sent again 1..``max_copies`` times. Raises ValueError if ideas run short."""
    rng = random.Random(seed)
    if campaigns > len(TEMPLATES):
        raise ValueError(f"at most {len(TEMPLATES)} campaigns (one per template)")
    texts: list[tuple[str, str, str]] = []  # (text, language, true group)
    kinds: dict[str, GroupKind] = {}
    campaign_total = round(size * campaign_share) if campaigns else 0
    for number, template in enumerate(rng.sample(TEMPLATES, campaigns)):
        count = campaign_total // campaigns + (1 if number < campaign_total % campaigns else 0)
        group = f"campaign-{number}"
        kinds[group] = "campaign"
        texts.extend((_fill(template, rng), template.language, group) for _ in range(count))
    pool = list(ideas)
    rng.shuffle(pool)
    for number, idea in enumerate(pool):
        if len(texts) >= size:
            break
        group = f"idea-{number}"
        kinds[group] = "copies"
        texts.append((idea.text, idea.language, group))
        if rng.random() < copied_share:
            for _ in range(min(rng.randint(1, max_copies), size - len(texts))):
                texts.append((resubmit(idea.text, idea.language, rng), idea.language, group))
    if len(texts) < size:
        raise ValueError(f"{len(pool)} ideas are too few for {size} proposals")
    rng.shuffle(texts)
    proposals = [
        Proposal(id=f"s{seed}-{k}", text=text, language=language, channel="web", submitter_kind="citizen")
        for k, (text, language, _) in enumerate(texts)
    ]
    truth = {p.id: group for p, (_, _, group) in zip(proposals, texts, strict=True)}
    used = set(truth.values())
    return Synthetic(proposals, truth, {g: k for g, k in kinds.items() if g in used})


def _fill(template: Template, rng: random.Random) -> str:
    """One sender's letter: their name and town, a chosen line (or none), now and then a typo."""
    names, cities = (NAMES_RU, CITIES_RU) if template.language == "ru" else (NAMES_EN, CITIES_EN)
    line = rng.choice((*template.lines, ""))
    text = template.text.format(name=rng.choice(names), city=rng.choice(cities), line=line)
    text = " ".join(text.split())
    return typo(text, rng) if rng.random() < 0.3 else text
