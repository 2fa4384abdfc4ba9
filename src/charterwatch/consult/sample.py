"""The bundled sample consultation: 22 proposals the project wrote itself on the KZ 1995 text, run through the
whole pipeline so the demo (``charterwatch demo``) and the web app's demo store show the consultation at work.

One call imports them, finds duplicates and themes, loads the default working groups, routes against the draft
under consultation (KZ@1995-ru) and measures their uptake in KZ@2026. Every step is idempotent: a second run
imports nothing, keeps the groups, themes and assignments, and gives the same counts. See
``consult/data/README.md``: these are an illustration, not real submissions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine

from charterwatch.consult.grouping import DedupSummary, run_dedup, run_themes, stored_themes
from charterwatch.consult.routing import RouteSummary, route
from charterwatch.consult.store import ImportResult, all_proposals, import_proposals
from charterwatch.consult.uptake_run import run_uptake
from charterwatch.consult.workgroups import DEFAULT_GROUPS, load_groups
from charterwatch.store.db import session_scope

SAMPLE_PROPOSALS: Final = Path(__file__).resolve().parent / "data" / "kz_1995_2026_proposals.jsonl"
PREFIX: Final = "sample:"
DRAFT: Final = "KZ@1995-ru"  # the text the consultation commented on
NEXT: Final = "KZ@2026"


@dataclass(frozen=True)
class SampleRun:
    """What loading the sample did: the import, the duplicates, themes, routing and the uptake counts."""

    imported: ImportResult
    duplicates: DedupSummary
    themes: int
    routing: RouteSummary
    uptake: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported.to_dict(),
            "duplicates": self.duplicates.to_dict(),
            "themes": self.themes,
            "routing": self.routing.to_dict(),
            "uptake": self.uptake,
        }


def load_sample(engine: Engine, *, draft: str = DRAFT, next_draft: str = NEXT) -> SampleRun:
    """Import the sample proposals and run dedup, themes, the default groups, routing and uptake on them.

    Needs the bundled corpus in the store (``corpus load``). Dedup, themes and routing run over every stored
    proposal, as ``consult dedup`` / ``themes`` / ``route`` would; the uptake counts are the sample's.
    """
    with session_scope(engine) as session:
        imported = import_proposals(session, SAMPLE_PROPOSALS, id_prefix=PREFIX)
        load_groups(session, DEFAULT_GROUPS)
        duplicates = run_dedup(session)
        themes = run_themes(session)
        routing = route(session, ref=draft)
        proposals = [p for p in all_proposals(session) if p.id.startswith(PREFIX)]
        stored = stored_themes(session)
    uptake = run_uptake(engine, proposals, old_ref=draft, new_ref=next_draft, themes=stored)
    return SampleRun(imported, duplicates, len(themes), routing, uptake.counts())
