"""Score the audit against a hand-checked gold file (the format of shared/gold/README.md, rights_*.jsonl).

Limitation clauses match on (doc, article, phrase id), after a phrase mapped directly to a single ground is
replaced by that ground; precision and recall are over those pairs, and verdict agreement is the share of
matched pairs whose verdict agrees (the strictest verdict when one pair occurs more than once). Gold lines
marked optional count neither as missed nor, when found, as extra. Safeguards match on (doc, safeguard, present).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.rights.standards import VERDICT_ORDER, Standards, Verdict, load_standards

Pair = tuple[str, str, str]  # doc, article, canonical phrase id
SafeguardKey = tuple[str, str]  # doc, safeguard


@dataclass(frozen=True)
class Gold:
    clauses: dict[Pair, Verdict]
    optional: frozenset[Pair]
    safeguards: dict[SafeguardKey, bool]
    docs: tuple[str, ...]


@dataclass
class Score:
    precision: float
    recall: float
    verdict_agreement: float
    safeguards_right: int
    safeguards_total: int
    missed: list[Pair] = field(default_factory=list)
    extra: list[Pair] = field(default_factory=list)
    verdict_disagreements: list[tuple[Pair, Verdict, Verdict]] = field(
        default_factory=list
    )  # pair, gold, ours
    safeguard_errors: list[tuple[SafeguardKey, bool, bool | None]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _strictest(a: Verdict | None, b: Verdict) -> Verdict:
    return b if a is None or VERDICT_ORDER[b] < VERDICT_ORDER[a] else a


def load_gold(path: Path, *, standards: Standards | None = None) -> Gold:
    """Read a gold JSONL file; lines without a ``doc`` (notes on the texts) are skipped."""
    standards = standards or load_standards()
    clauses: dict[Pair, Verdict] = {}
    optional: set[Pair] = set()
    safeguards: dict[SafeguardKey, bool] = {}
    docs: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if "doc" not in row:
                continue
            doc = str(row["doc"])
            docs += [] if doc in docs else [doc]
            if "safeguard" in row:
                safeguards[(doc, str(row["safeguard"]))] = bool(row["present"])
                continue
            if len(row["phrases"]) != len(row["verdicts"]):
                raise ValueError(f"line {number}: phrases and verdicts differ in length")
            for phrase, verdict in zip(row["phrases"], row["verdicts"], strict=True):
                pair = (doc, str(row["article"]), standards.canonical_id(phrase))
                clauses[pair] = _strictest(clauses.get(pair), verdict)
                if row.get("optional"):
                    optional.add(pair)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise CharterwatchError(E.GOLD_INVALID, path=str(path), reason=str(e).splitlines()[0]) from e
    return Gold(clauses, frozenset(optional), safeguards, tuple(docs))


def predicted_pairs(
    doc: str, findings: Iterable[tuple[str | None, str, Verdict]], *, standards: Standards | None = None
) -> dict[Pair, Verdict]:
    """(article, phrase id, verdict) triples of one doc as scored pairs, the strictest verdict per pair."""
    standards = standards or load_standards()
    pairs: dict[Pair, Verdict] = {}
    for article, phrase, verdict in findings:
        pair = (doc, article or "", standards.canonical_id(phrase))
        pairs[pair] = _strictest(pairs.get(pair), verdict)
    return pairs


def score(
    gold: Gold, predicted: dict[Pair, Verdict], safeguards: dict[SafeguardKey, bool] | None = None
) -> Score:
    """Precision, recall and verdict agreement of ``predicted`` against ``gold`` (restricted to its docs)."""
    predicted = {p: v for p, v in predicted.items() if p[0] in gold.docs}
    wanted = {p for p in gold.clauses if p not in gold.optional}
    extracted = {p for p in predicted if p not in gold.optional}
    matched = wanted & extracted
    agree = [p for p in matched if predicted[p] == gold.clauses[p]]
    found = safeguards or {}
    safeguard_errors = [(k, v, found.get(k)) for k, v in sorted(gold.safeguards.items()) if found.get(k) != v]
    return Score(
        precision=len(matched) / len(extracted) if extracted else 1.0,
        recall=len(matched) / len(wanted) if wanted else 1.0,
        verdict_agreement=len(agree) / len(matched) if matched else 1.0,
        safeguards_right=len(gold.safeguards) - len(safeguard_errors),
        safeguards_total=len(gold.safeguards),
        missed=sorted(wanted - extracted),
        extra=sorted(extracted - wanted),
        verdict_disagreements=sorted((p, gold.clauses[p], predicted[p]) for p in matched if p not in agree),
        safeguard_errors=safeguard_errors,
    )


def for_doc(gold: Gold, doc: str) -> Gold:
    """The part of ``gold`` about one doc."""
    return Gold(
        {p: v for p, v in gold.clauses.items() if p[0] == doc},
        frozenset(p for p in gold.optional if p[0] == doc),
        {k: v for k, v in gold.safeguards.items() if k[0] == doc},
        (doc,),
    )
