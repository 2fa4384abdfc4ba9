"""Extraction scored on a folder of articles and a gold file (the rule of shared/gold/README.md).

Each file the gold names is ingested on its own, as ``charterwatch incidents ingest`` would read it (same
readers, language detection and in-document de-duplication), and its incidents are scored with
``scoring.score``. A file that is missing or unreadable is an error line; its gold incidents count as missed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.ingest import ingest
from charterwatch.incidents.model import Incident
from charterwatch.incidents.scoring import Score, score


@dataclass
class Evaluation:
    score: Score
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per miss and per false alarm: document, victim, action(s), date."""
        out = [
            f"missed       {g['doc']}  {g['victim']}  {'/'.join(_actions(g))}  {g.get('date') or '-'}"
            for g in self.score.misses
        ]
        out += [f"false alarm  {doc}  {_describe(i)}" for doc, i in self.score.false_alarms]
        return out

    def to_dict(self) -> dict[str, Any]:
        s = self.score
        return {
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "matched": len(s.matched),
            "extracted": s.extracted,
            "gold": s.gold,
            "field_accuracy": s.field_accuracy,
            "misses": s.misses,
            "false_alarms": [{"doc": doc, **_brief(i)} for doc, i in s.false_alarms],
            "errors": self.errors,
        }


def _actions(gold: dict[str, Any]) -> list[str]:
    action = gold["action"]
    return action if isinstance(action, list) else [action]


def _brief(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "victim": incident.victims[0].label,
        "action": incident.action,
        "date": incident.date.value if incident.date else None,
    }


def _describe(incident: Incident) -> str:
    brief = _brief(incident)
    return f"{brief['victim']}  {brief['action']}  {brief['date'] or '-'}"


def load_gold_file(path: Path) -> list[dict[str, Any]]:
    """The gold lines; a missing file or a line without doc, victim and action is a coded error."""
    if not path.is_file():
        raise CharterwatchError(E.FILE_NOT_FOUND, path=str(path))
    gold = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise CharterwatchError(
                E.INCIDENTS_GOLD_INVALID, path=str(path), line=number, reason=e.msg
            ) from e
        if not isinstance(data, dict) or not {"doc", "victim", "action"} <= set(data):
            reason = 'a gold line needs "doc", "victim" and "action"'
            raise CharterwatchError(E.INCIDENTS_GOLD_INVALID, path=str(path), line=number, reason=reason)
        gold.append(data)
    return gold


def evaluate_folder(gold_path: Path, folder: Path) -> Evaluation:
    gold = load_gold_file(gold_path)
    extracted: dict[str, list[Incident]] = {}
    errors: list[str] = []
    for doc in sorted({g["doc"] for g in gold}):
        report = ingest([folder / doc])
        errors += [f"{e.code}: {e.message}" for e in report.errors]
        extracted[doc] = report.incidents
    return Evaluation(score(extracted, gold), errors)
