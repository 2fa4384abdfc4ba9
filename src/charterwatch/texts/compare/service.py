"""Compare two stored versions, once: load them, align, store the result, and reuse it next time.

What the CLI, the web app, the rights audit and the consultation's uptake call. A stored comparison is reused
while both versions' checksums and the comparison's method id (a hash of the comparing code, docs/store.md) are
exactly those of now; otherwise it is computed again and replaces the old one.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope
from charterwatch.store.models import Version
from charterwatch.texts.compare import compare, comparison_method
from charterwatch.texts.compare.evaluate import AlignmentScore, load_gold, score_alignment
from charterwatch.texts.compare.model import Comparison
from charterwatch.texts.compare.storage import load_comparison, save_comparison
from charterwatch.texts.storage import load_version, resolve_ref, version_ref


def compare_refs(engine: Engine, old_ref: str, new_ref: str, *, fresh: bool = False) -> Comparison:
    """The comparison of the versions ``old_ref`` and ``new_ref`` (``KZ@1995-ru``, ``KZ@2026``)."""
    with session_scope(engine) as session:
        old, new = resolve_ref(session, old_ref), resolve_ref(session, new_ref)
        return compare_versions(session, old, new, fresh=fresh)


def compare_versions(session: Session, old: Version, new: Version, *, fresh: bool = False) -> Comparison:
    """The stored comparison of two versions, or a new one, stored before it is returned.

    ``fresh`` compares again even when the stored result is current (``db check --refresh`` and timing runs).
    """
    if not fresh and (stored := load_comparison(session, old, new, method=comparison_method())) is not None:
        return stored
    comparison = compare(
        load_version(session, old),
        load_version(session, new),
        old_ref=version_ref(old),
        new_ref=version_ref(new),
    )
    try:
        with session.begin_nested():
            save_comparison(session, comparison, old, new)
    except IntegrityError:
        pass  # another process stored the same comparison meanwhile; theirs is as good as ours
    return comparison


def evaluate_refs(engine: Engine, gold: Path, *, old_ref: str, new_ref: str) -> AlignmentScore:
    """The alignment of two versions scored against a gold JSONL file (read first, so a bad one costs nothing)."""
    gold_lines = load_gold(gold)
    if not gold_lines:
        raise CharterwatchError(E.ALIGN_GOLD_INVALID, path=gold, reason="no answer lines")
    comparison = compare_refs(engine, old_ref, new_ref)
    return score_alignment(comparison.pairs, gold_lines)
