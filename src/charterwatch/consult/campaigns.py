"""Template campaigns: many near-identical texts filled in from one form letter, and the form letter itself.

A group is a campaign when it is large and varied: at least ``campaign_min`` members and at least half that
many different texts (a few resubmissions of one text are copies, however many typos they carry). Its
template is the representative's words with ``{…}`` where a good share of members differ from it — the
names, places and the one sentence each sender changed — so a reviewer reads the letter once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Final

from charterwatch.consult.model import DuplicateGroup

CAMPAIGN_MIN: Final = 10
SLOT_SHARE: Final = (
    0.3  # a word is a slot when this share of the members differ from the representative there
)
SAMPLE: Final = 60  # members compared for the template: enough to see the slots, cheap for any campaign
SLOT: Final = "{…}"
_TOKEN = re.compile(r"\w+|[^\w\s]+")


def label_campaigns(
    groups: Sequence[DuplicateGroup],
    texts: Mapping[str, str],
    normalised: Mapping[str, str],
    *,
    campaign_min: int = CAMPAIGN_MIN,
) -> None:
    """Mark the campaigns among ``groups`` in place (``texts`` and ``normalised`` by proposal id)."""
    for group in groups:
        if len(group.members) < campaign_min:
            continue
        if len({normalised[m] for m in group.members}) * 2 >= campaign_min:
            group.kind = "campaign"
            group.template = template([texts[m] for m in group.members[:SAMPLE]])


def template(texts: Sequence[str], *, slot_share: float = SLOT_SHARE) -> str:
    """The first text with ``{…}`` where at least ``slot_share`` of the others differ from it."""
    base = _TOKEN.findall(texts[0])
    keys = [token.casefold() for token in base]
    varied = [0] * (len(base) + 1)  # per word, and one more for words added at the end
    inserted = [0] * (len(base) + 1)  # words added before position i
    others = texts[1:]
    for text in others:
        matcher = SequenceMatcher(None, keys, _TOKEN.findall(text.casefold()), autojunk=False)
        for op, i1, i2, _, _ in matcher.get_opcodes():
            if op in ("replace", "delete"):
                for i in range(i1, i2):
                    varied[i] += 1
            elif op == "insert":
                inserted[i1] += 1
    needed = max(1.0, slot_share * len(others))
    out: list[str] = []
    for i in range(len(base) + 1):
        slot = inserted[i] >= needed or (i < len(base) and varied[i] >= needed)
        if slot and (not out or out[-1] != SLOT):
            out.append(SLOT)
        if i < len(base) and varied[i] < needed:
            out.append(base[i])
    return re.sub(r" (?=[^\w\s{])", "", " ".join(out))
