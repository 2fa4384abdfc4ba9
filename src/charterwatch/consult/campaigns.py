"""Template campaigns: many near-identical texts filled in from one form letter, and the form letter itself.

Size and a count of different texts cannot tell a campaign from a popular idea resubmitted with typos: at a
million proposals such an idea has hundreds of different texts. What a form letter has and typo noise does not
is *slots*: places where many senders put a different word (a name, a town, a sentence of their own), at the
same place in the letter, with many different fillers. Typos are scattered, each at its own place, and are
near-spellings of the word they replace; a reworded word ("people" → "citizens") recurs but with one filler.
So each sampled member is aligned word by word with the representative, and a position is a slot when at
least ``SLOT_SHARE`` of the sampled members put another word there (not a misspelling of it), with at least
``FILLERS`` different fillers of which none takes more than ``TOP_FILLER`` of them. A group is a campaign
when it has ``campaign_min`` members, a slot, and a frame of at least ``FRAME`` words that most members keep
(comments on one topic, even if wrongly merged, keep few of each other's words; a few words around a slot are
a sentence pattern that different ideas share); its template shows ``{…}`` at the slots.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Final

from charterwatch.consult.model import DuplicateGroup
from charterwatch.consult.verify import misspelt

CAMPAIGN_MIN: Final = 10
SAMPLE: Final = 40  # members aligned per group: enough to see the slots, cheap for any group
SLOT_SHARE: Final = 0.3  # of the sampled members putting another word at a position
FILLERS: Final = 3  # different fillers at a slot at least
TOP_FILLER: Final = 0.5  # the commonest filler's share of them at most ("people" -> "citizens" is no slot)
SLOT_MEMBERS: Final = 8  # members putting another word there at least (a few openers are chance)
FRAME: Final = 10  # kept words at least: "I identify as a {…}" is a sentence ideas share, not a letter
INSIDE: Final = 2  # kept words on each side of a slot at least ("I propose: …" / "I think …" is an opener)
KEPT: Final = 0.7  # of the sampled members keeping a word (or a misspelling of it) for it to be the frame's
SLOT: Final = "{…}"
_TOKEN = re.compile(r"\w+|[^\w\s]+")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Slots:
    """The representative's tokens and where its slots are: at a token, or in the gap before token ``i``;
    ``loose`` are positions where members often differ without the variety of a slot (inside a sentence that
    senders replace, a word they happen to share)."""

    tokens: list[str]
    at: frozenset[int]
    before: frozenset[int]
    loose: frozenset[int] = frozenset()
    kept: frozenset[int] = frozenset()  # positions of the words at least ``KEPT`` of the members keep

    def __bool__(self) -> bool:
        """Whether the slots make a form letter: ``FRAME`` kept words, and a slot inside them (``INSIDE`` kept
        words on either side); what varies before the text or after it is an opener or a closer."""
        if len(self.kept) < FRAME:
            return False
        ends = [*self.at, *(gap - 0.5 for gap in self.before)]
        return any(
            sum(k < p for k in self.kept) >= INSIDE and sum(k > p for k in self.kept) >= INSIDE for p in ends
        )

    def template(self) -> str:
        hidden = set(self.at)  # one loose word or a hyphen between two slots is part of them
        hidden.update(
            i
            for i in range(1, len(self.tokens) - 1)
            if {i - 1, i + 1} <= self.at and (i in self.loose or self.tokens[i] == "-")
        )
        out: list[str] = []
        for i in range(len(self.tokens) + 1):
            slot = i in self.before or i in hidden
            if slot and (not out or out[-1] != SLOT):
                out.append(SLOT)
            if i < len(self.tokens) and i not in hidden:
                out.append(self.tokens[i])
        return re.sub(r" (?=[^\w\s{])", "", " ".join(out))


def sample(members: Sequence[str], *, size: int = SAMPLE) -> list[str]:
    """Up to ``size`` members spread over the group, the representative (first) among them."""
    step = max(1, -(-len(members) // size))
    return list(members[::step][:size])


def label_campaigns(
    groups: Sequence[DuplicateGroup],
    texts: Mapping[str, str],
    normalised: Mapping[str, str],
    *,
    campaign_min: int = CAMPAIGN_MIN,
) -> None:
    """Mark the campaigns among ``groups`` in place (``texts`` by proposal id for each group's ``sample``,
    ``normalised`` by proposal id for every member: fewer than half of ``campaign_min`` different texts is
    copies, whatever the sample says)."""
    for group in groups:
        if len(group.members) < campaign_min:
            continue
        if len({normalised[m] for m in group.members}) * 2 < campaign_min:
            continue
        found = slots([texts[m] for m in sample(group.members)])
        if found:
            group.kind = "campaign"
            group.template = found.template()


def slots(texts: Sequence[str], *, slot_share: float = SLOT_SHARE) -> Slots:
    """The slots of the first text, seen by aligning every other text with it word by word."""
    tokens = _TOKEN.findall(texts[0])
    keys = [token.casefold() for token in tokens]
    at: dict[int, list[str]] = defaultdict(list)  # position -> the other words put there
    before: dict[int, list[str]] = defaultdict(list)  # gap -> the words added there
    kept = [0] * len(keys)
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(keys)
    alignments: dict[tuple[str, ...], list[tuple[str, int, str]]] = {}
    for text in texts[1:]:
        other = tuple(_TOKEN.findall(text.casefold()))
        if other not in alignments:
            alignments[other] = _changes(matcher, keys, list(other))
        for kind, position, filler in alignments[other]:
            if kind == "kept":
                kept[position] += 1
            else:
                (at if kind == "at" else before)[position].append(filler)
    needed = max(SLOT_MEMBERS, slot_share * (len(texts) - 1))
    return Slots(
        tokens,
        frozenset(p for p, fillers in at.items() if _varied(fillers, needed)),
        frozenset(p for p, fillers in before.items() if _varied(fillers, needed)),
        frozenset(p for p, fillers in at.items() if len(fillers) >= needed / 2),
        frozenset(i for i, n in enumerate(kept) if n >= KEPT * (len(texts) - 1) and _WORD.search(keys[i])),
    )


def template(texts: Sequence[str], *, slot_share: float = SLOT_SHARE) -> str:
    """The first text with ``{…}`` at its slots."""
    return slots(texts, slot_share=slot_share).template()


def _changes(matcher: SequenceMatcher[str], keys: list[str], other: list[str]) -> list[tuple[str, int, str]]:
    """Where ``other`` puts different words than ``keys``: ("at", position, word) or ("before", gap, words),
    and ("kept", position, "") where it has the same word or a misspelling of it; case and punctuation are not
    changes of word, and a dropped word is neither kept nor changed. ``matcher`` holds ``keys`` as its second
    sequence, so their index is built once per group."""
    found: list[tuple[str, int, str]] = []
    matcher.set_seq1(other)
    for op, j1, j2, i1, i2 in matcher.get_opcodes():  # j: other, i: keys
        new = [w for w in other[j1:j2] if _WORD.search(w)]
        if op == "equal":
            found.extend(("kept", i, "") for i in range(i1, i2))
        elif op == "delete" and new:
            found.append(("before", i1, " ".join(new)))
        elif op == "replace" and new:
            old = [(i, keys[i]) for i in range(i1, i2) if _WORD.search(keys[i])]
            if len(old) == len(new):
                found.extend(
                    ("kept", i, "") if misspelt(base, word) else ("at", i, word)
                    for (i, base), word in zip(old, new, strict=True)
                )
            elif not old:
                found.append(("before", i1, " ".join(new)))
            elif not misspelt(" ".join(w for _, w in old), " ".join(new)):
                found.extend(("at", i, " ".join(new)) for i, _ in old)
    return found


def _varied(fillers: list[str], needed: float) -> bool:
    if len(fillers) < needed:
        return False
    counts = Counter(fillers)
    return len(counts) >= FILLERS and counts.most_common(1)[0][1] <= TOP_FILLER * len(fillers)
