"""Extraction scored on a folder of articles and a gold file (the rule of shared/gold/README.md).

Every article in the folder is ingested on its own, as ``charterwatch incidents ingest`` would read it (same
readers, publication dates, language detection and in-document de-duplication), and scored with
``scoring.score``: a file the gold never names still counts, so a false alarm in a negative text costs
precision. Articles are the files ingest takes, less JSON lines and Markdown (the gold and its index). A file
the gold names that is missing or unreadable is an error line; its gold incidents count as missed. Scores are
given overall and per language of the articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.incidents.evaluation.scoring import Score, score
from charterwatch.incidents.model import Incident
from charterwatch.incidents.workflow.ingest import SUFFIXES, ingest

NOT_ARTICLES = frozenset({".jsonl", ".md"})  # a gold file and its index live next to the articles


@dataclass
class Evaluation:
    score: Score
    errors: list[str] = field(default_factory=list)
    by_language: dict[str, Score] = field(default_factory=dict)

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
            "by_language": {language: _figures(part) for language, part in self.by_language.items()},
        }


def _figures(score: Score) -> dict[str, Any]:
    return {
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "matched": len(score.matched),
        "extracted": score.extracted,
        "gold": score.gold,
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


def article_files(folder: Path) -> list[Path]:
    """The files of ``folder`` (recursively) that ingest would read as articles."""
    accepted = SUFFIXES - NOT_ARTICLES
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in accepted)


def evaluate_folder(gold_path: Path, folder: Path) -> Evaluation:
    """Every article of ``folder`` extracted and scored against ``gold_path``, overall and per language."""
    gold = load_gold_file(gold_path)
    names = {path.relative_to(folder).as_posix(): path for path in article_files(folder)}
    names.update({g["doc"]: folder / g["doc"] for g in gold if g["doc"] not in names})
    extracted: dict[str, list[Incident]] = {}
    languages: dict[str, str] = {}
    errors: list[str] = []
    for doc, path in sorted(names.items()):
        report = ingest([path])
        errors += [f"{e.code}: {e.message}" for e in report.errors]
        extracted[doc] = report.incidents
        languages[doc] = report.sources[0].language or "und" if report.sources else "und"
    by_language = {
        language: score(
            {doc: found for doc, found in extracted.items() if languages[doc] == language},
            [g for g in gold if languages.get(g["doc"]) == language],
        )
        for language in sorted(set(languages.values()))
    }
    return Evaluation(score(extracted, gold), errors, by_language)
