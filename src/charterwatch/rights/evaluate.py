"""Run the audit on the texts a gold file names and score it, per text and overall."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from charterwatch.rights.grounds import RULE_NAME
from charterwatch.rights.rules import provision_rule
from charterwatch.rights.safeguards import IccprSafeguards
from charterwatch.rights.scoring import (
    Gold,
    Pair,
    SafeguardKey,
    Score,
    for_doc,
    load_gold,
    predicted_pairs,
    score,
)
from charterwatch.rights.standards import Verdict
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.parse import parse_text
from charterwatch.texts.tree import ParsedText


def bundled_text(doc: str) -> ParsedText:
    """A text of the bundled corpus, parsed, by its file name."""
    entry = corpus_entry(doc)
    return parse_text(entry.path().read_text(encoding="utf-8"), lang=entry.lang, path=doc)


def from_folder_or_bundled(folder: Path) -> Callable[[str], ParsedText]:
    """Resolve a gold ``doc`` from ``folder`` first, then from the bundled corpus (dev texts mix both)."""
    from charterwatch.texts.importer import parse_file

    def resolve(doc: str) -> ParsedText:
        path = folder / doc
        return parse_file(path)[0] if path.exists() else bundled_text(doc)

    return resolve


def predict(doc: str, parsed: ParsedText, *, rule: str = RULE_NAME) -> dict[Pair, Verdict]:
    """The scored pairs the rule finds in one text."""
    found = provision_rule(rule).analyse(parsed, version=doc)
    triples = [
        (g.location.article, g.phrase_id, g.verdict) for p in found for c in p.clauses for g in c.grounds
    ]
    return predicted_pairs(doc, triples)


def predict_safeguards(doc: str, parsed: ParsedText) -> dict[SafeguardKey, bool]:
    """(doc, safeguard) -> present, as the safeguards rule reads one text."""
    return {(doc, s.safeguard): s.present for s in IccprSafeguards().safeguards(parsed, version=doc)}


def evaluate(
    gold_path: Path, *, resolve: Callable[[str], ParsedText] = bundled_text, rule: str = RULE_NAME
) -> dict[str, Score]:
    """Scores per doc of the gold file, and over all of them under the key ``"all"``."""
    gold: Gold = load_gold(gold_path)
    predicted: dict[Pair, Verdict] = {}
    safeguards: dict[SafeguardKey, bool] = {}
    scores: dict[str, Score] = {}
    for doc in gold.docs:
        parsed = resolve(doc)
        pairs, found = predict(doc, parsed, rule=rule), predict_safeguards(doc, parsed)
        predicted.update(pairs)
        safeguards.update(found)
        scores[doc] = score(for_doc(gold, doc), pairs, found)
    scores["all"] = score(gold, predicted, safeguards)
    return scores
