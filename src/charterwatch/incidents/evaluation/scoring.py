"""Scoring extracted incidents against hand-checked gold: a frozen copy of the rule of shared/gold/README.md.

A match needs the same document, the same victim (case- and transliteration-insensitive token overlap:
"Khalabuzar" matches "Olesya Khalabuzar", "Жанар Ахмет" matches "Zhanar Akhmet"; Cyrillic is spelled in Latin by
this module's own table first, and tokens of one or two letters, such as initials, do not count), an action
among the gold's and a date equal at the gold's precision (a null gold date accepts any). Optional gold lines
count neither way. This module imports nothing from the extractor: it is the ruler, and production code
(merging, search) has its own, stricter name rule in names.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from charterwatch.incidents.model import Incident

_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya a g k n o u u h i"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі", _LATIN.split(" "), strict=True))
_WORD = re.compile(r"[^\W_]+")
_SHORTEST = 3  # tokens of one or two letters (initials, "of", "в") do not count


def latin(text: str) -> str:
    """Lower case, Cyrillic spelled in Latin by one table, accents dropped."""
    text = "".join(_CYRILLIC.get(c, c) for c in text.lower()).replace("_", "")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """:func:`latin`, with y/i, kh/h, j/zh treated alike. Not part of the scoring rule: kept for the callers
    that compare names outside scoring (privacy, store, web) until they move to names.py."""
    text = latin(text)
    for a, b in (("kh", "h"), ("zh", "j"), ("dzh", "j"), ("y", "i"), ("ou", "u"), ("’", "'")):
        text = text.replace(a, b)
    return text


@lru_cache(maxsize=65_536)
def tokens(label: str) -> frozenset[str]:
    """The words of a victim's name in Latin, lower case, three letters or more."""
    return frozenset(w for w in _WORD.findall(latin(label)) if len(w) >= _SHORTEST)


def same_victim(a: str, b: str) -> bool:
    """The README's victim rule: the two names share a token."""
    return bool(tokens(a) & tokens(b))


def _actions(gold: dict[str, Any]) -> list[str]:
    action = gold["action"]
    return action if isinstance(action, list) else [action]


def matches(incident: Incident, gold: dict[str, Any]) -> bool:
    if not same_victim(incident.victims[0].label, gold["victim"]) or incident.action not in _actions(gold):
        return False
    if gold.get("date") is None:
        return True
    return incident.date is not None and incident.date.value.startswith(gold["date"])


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    extracted: int
    gold: int
    matched: list[tuple[dict[str, Any], Incident]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[tuple[str, Incident]] = field(default_factory=list)
    field_accuracy: dict[str, float] = field(default_factory=dict)


def _max_matching(
    golds: list[dict[str, Any]], found: list[Incident], taken: dict[int, int]
) -> dict[int, int]:
    """Kuhn's augmenting paths: gold index -> incident index, extending ``taken`` (incident -> gold)."""

    def assign(g: int, seen: set[int]) -> bool:
        for i, incident in enumerate(found):
            if i in seen or not matches(incident, golds[g]):
                continue
            seen.add(i)
            if i not in taken or assign(taken[i], seen):
                taken[i] = g
                return True
        return False

    for g in range(len(golds)):
        assign(g, set())
    return taken


def score(extracted: dict[str, list[Incident]], gold: list[dict[str, Any]]) -> Score:
    """Precision, recall and field accuracies of ``extracted`` (incidents by document name) against ``gold``."""
    result = Score(0.0, 0.0, 0.0, 0, 0)
    optional_hits = 0
    for doc in sorted({g["doc"] for g in gold} | set(extracted)):
        found = extracted.get(doc, [])
        required = [g for g in gold if g["doc"] == doc and not g.get("optional")]
        optional = [g for g in gold if g["doc"] == doc and g.get("optional")]
        taken = _max_matching(required, found, {})
        matched_required = dict(taken)
        rest = [i for i in range(len(found)) if i not in taken]
        optional_taken = _max_matching(optional, [found[i] for i in rest], {})
        optional_hits += len(optional_taken)
        skip = {rest[i] for i in optional_taken}
        result.matched += [(required[g], found[i]) for i, g in matched_required.items()]
        result.misses += [g for k, g in enumerate(required) if k not in matched_required.values()]
        result.false_alarms += [(doc, f) for i, f in enumerate(found) if i not in taken and i not in skip]
        result.extracted += len(found)
        result.gold += len(required)
    counted = result.extracted - optional_hits
    result.precision = len(result.matched) / counted if counted else 1.0
    result.recall = len(result.matched) / result.gold if result.gold else 1.0
    total = result.precision + result.recall
    result.f1 = 2 * result.precision * result.recall / total if total else 0.0
    result.field_accuracy = field_accuracy(result.matched)
    return result


def field_accuracy(pairs: list[tuple[dict[str, Any], Incident]]) -> dict[str, float]:
    """Share of matched incidents whose role, place, sanction (given or not) and rights agree with the gold
    (a gold line without a field has it null)."""
    if not pairs:
        return {}
    checks: dict[str, Callable[[dict[str, Any], Incident], bool]] = {
        "role": lambda g, i: bool(g.get("role") == i.victims[0].role),
        "place": lambda g, i: _same_place(g.get("place"), i.place),
        "sanction": lambda g, i: (g.get("sanction") is None) == (i.sanction is None),
        "rights": lambda g, i: set(g.get("rights") or []) == set(i.rights),
        "rights_overlap": lambda g, i: bool(set(g.get("rights") or []) & set(i.rights)),
    }
    return {name: sum(bool(check(g, i)) for g, i in pairs) / len(pairs) for name, check in checks.items()}


def _same_place(gold: str | None, found: str | None) -> bool:
    return gold == found if gold is None or found is None else same_victim(gold, found)


def load_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
