"""Score an alignment against a gold file: precision, recall and F1 over links, and accuracy of kinds.

A gold file is JSON Lines: ``{"new": "7", "old": ["8"], "kind": "amended"}`` for each new article (``old``
empty for a new one; several old numbers for a merge; a split gives one line per new piece) and
``{"old_removed": "N"}`` for each removed old article. Both sides become sets of links (new, old): a new
article is (new, None), a removed one (None, old), a merge gives one link per old article. Kind accuracy is
over new articles that both sides link to exactly the same old articles.

The pseudo-links of new and removed articles are easy to get right when little changed, so the same scores are
also given over the real links alone, (new, old) with both sides present (``*_links_only``): that is how well
the aligner finds what became of each article that lives on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.compare.model import PAIR_KINDS, AlignedPair

Link = tuple[str | None, str | None]


@dataclass
class AlignmentScore:
    precision: float
    recall: float
    f1: float
    kind_accuracy: float  # over new articles whose old articles agree; 1.0 when there are none
    links_gold: int
    links_found: int
    links_correct: int
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    # The same over real links only (both sides present): no (new, None) or (None, old) pseudo-links.
    precision_links_only: float = 1.0
    recall_links_only: float = 1.0
    f1_links_only: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold lines of a JSONL file (blank lines skipped); ``ALIGN_GOLD_INVALID`` names a bad line."""
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise CharterwatchError(E.FILE_NOT_FOUND, path=path) from e
    except (OSError, UnicodeDecodeError) as e:
        raise CharterwatchError(E.ALIGN_GOLD_INVALID, path=path, reason=str(e)) from e
    lines: list[dict[str, Any]] = []
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as e:
            raise CharterwatchError(E.ALIGN_GOLD_INVALID, path=path, reason=f"line {number}: {e.msg}") from e
        problem = _problem(line)
        if problem:
            raise CharterwatchError(E.ALIGN_GOLD_INVALID, path=path, reason=f"line {number}: {problem}")
        lines.append(line)
    return lines


def _problem(line: Any) -> str | None:
    if not isinstance(line, dict):
        return "not a JSON object"
    if "old_removed" in line:
        return None if isinstance(line["old_removed"], str | int) else "old_removed must be an article number"
    olds = line.get("old", [])
    if not isinstance(line.get("new"), str | int) or not isinstance(olds, list):
        return 'expected "new" (an article number) and "old" (a list of numbers)'
    if "kind" in line and line["kind"] not in PAIR_KINDS:
        return f"unknown kind {line['kind']!r}; use one of {', '.join(PAIR_KINDS)}"
    return None


def gold_links(gold_lines: Iterable[dict[str, Any]]) -> tuple[set[Link], dict[str, str]]:
    """The gold links and the gold kind of each new article."""
    links: set[Link] = set()
    kinds: dict[str, str] = {}
    for line in gold_lines:
        if "old_removed" in line:
            links.add((None, str(line["old_removed"])))
            continue
        new = str(line["new"])
        olds = [str(o) for o in line.get("old", [])]
        links.update((new, o) for o in olds) if olds else links.add((new, None))
        if "kind" in line:
            kinds[new] = str(line["kind"])
    return links, kinds


def pair_links(pairs: Sequence[AlignedPair]) -> tuple[set[Link], dict[str, str]]:
    """The links and kinds of an alignment, in the same form as ``gold_links``."""
    links: set[Link] = set()
    kinds: dict[str, str] = {}
    for pair in pairs:
        if not pair.new:
            links.update((None, o) for o in pair.old)
        for new in pair.new:
            links.update((new, o) for o in pair.old) if pair.old else links.add((new, None))
            links.update((new, o) for o in pair.fed_by)
            kinds[new] = pair.kind
    return links, kinds


def score_alignment(pairs: list[AlignedPair], gold_lines: list[dict[str, Any]]) -> AlignmentScore:
    """Precision, recall and F1 of the alignment's links against gold, kind accuracy, and what differs."""
    gold, gold_kinds = gold_links(gold_lines)
    found, found_kinds = pair_links(pairs)
    correct = gold & found
    precision, recall, f1 = _prf(gold, found)
    real_precision, real_recall, real_f1 = _prf(_real(gold), _real(found))

    gold_olds, found_olds = _olds_by_new(gold), _olds_by_new(found)
    agreed = [n for n in gold_kinds if n in found_kinds and gold_olds[n] == found_olds.get(n)]
    right_kind = sum(gold_kinds[n] == found_kinds[n] for n in agreed)
    disagreements: list[dict[str, Any]] = []
    for new, old in sorted(gold ^ found, key=_link_key):
        side = "missing" if (new, old) in gold else "extra"
        disagreements.append({"what": side, "new": new, "old": old})
    for new in agreed:
        if gold_kinds[new] != found_kinds[new]:
            disagreements.append(
                {"what": "kind", "new": new, "gold": gold_kinds[new], "found": found_kinds[new]}
            )
    return AlignmentScore(
        precision=precision,
        recall=recall,
        f1=f1,
        kind_accuracy=right_kind / len(agreed) if agreed else 1.0,
        links_gold=len(gold),
        links_found=len(found),
        links_correct=len(correct),
        disagreements=disagreements,
        precision_links_only=real_precision,
        recall_links_only=real_recall,
        f1_links_only=real_f1,
    )


def _prf(gold: set[Link], found: set[Link]) -> tuple[float, float, float]:
    correct = gold & found
    precision = len(correct) / len(found) if found else 1.0
    recall = len(correct) / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _real(links: set[Link]) -> set[Link]:
    return {link for link in links if link[0] is not None and link[1] is not None}


def _olds_by_new(links: set[Link]) -> dict[str | None, set[str | None]]:
    out: dict[str | None, set[str | None]] = {}
    for new, old in links:
        out.setdefault(new, set()).add(old)
    return out


def _link_key(link: Link) -> tuple[str, str]:
    return (link[0] or "", link[1] or "")
