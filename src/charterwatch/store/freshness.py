"""Which stored results are stale, and recomputing them: what ``charterwatch db check [--refresh]`` runs.

A stored result is stale when the method id it was stored under (``charterwatch.provenance``) differs from the
one the installed code would use, or when the source it was computed from has changed since. Each kind of
stored result (comparisons, audits, incident extraction) offers a ``StoredResults``: its current method id,
its stale rows, and a way to recompute one of them (incident extraction has none: its results carry people's
reviews). The kinds are named here by module, imported only when a check runs, so the store does not import
the domains that build on it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from charterwatch.store.db import session_scope

StaleReason = Literal["method", "source"]
# "module:attribute" of each kind's StoredResults, in the order they are checked and refreshed
RESULT_KINDS: Final = (
    "charterwatch.texts.compare.storage:STORED",
    "charterwatch.rights.storage:STORED",
    "charterwatch.incidents.workflow.freshness:STORED",
)


@dataclass(frozen=True)
class StaleResult:
    """One stored result that the current code would not reuse, and why."""

    kind: str  # "comparison", "audit", "incident extraction"
    row_id: int | str  # the stored row's key
    subject: str  # what it is about: "KZ@1995-ru -> KZ@2026", "KZ@2026", a source's location
    stored_method: str
    current_method: str
    reason: StaleReason  # the method id differs, or the source text changed since

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.row_id,
            "subject": self.subject,
            "stored_method": self.stored_method,
            "current_method": self.current_method,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class KindStatus:
    """One kind of stored result: its current method id, how many are stored, the stale ones, and whether
    ``refresh`` can recompute them."""

    kind: str
    current_method: str
    stored: int
    stale: tuple[StaleResult, ...]
    refreshable: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "current_method": self.current_method,
            "stored": self.stored,
            "refreshable": self.refreshable,
            "stale": [s.to_dict() for s in self.stale],
        }


class StoredResults(Protocol):
    """What ``db check`` needs from one kind of stored result."""

    @property
    def kind(self) -> str: ...

    @property
    def refreshable(self) -> bool: ...

    def current_method(self) -> str: ...

    def count(self, session: Session) -> int: ...

    def stale(self, session: Session) -> list[StaleResult]: ...

    def refresh(self, session: Session, result: StaleResult) -> None:
        """Recompute ``result`` and store it under the current method id, replacing the stale row."""
        ...


def result_kinds() -> list[StoredResults]:
    """Every kind of stored result, imported on first use."""
    kinds: list[StoredResults] = []
    for entry in RESULT_KINDS:
        module, attribute = entry.split(":")
        kinds.append(getattr(importlib.import_module(module), attribute))
    return kinds


def check(engine: Engine) -> list[KindStatus]:
    """Every kind of stored result with its stale rows (read only)."""
    with session_scope(engine, write=False) as session:
        return [
            KindStatus(
                kind.kind,
                kind.current_method(),
                kind.count(session),
                tuple(kind.stale(session)),
                kind.refreshable,
            )
            for kind in result_kinds()
        ]


Progress = Callable[[StaleResult], None]


def refresh(
    engine: Engine, stale: Sequence[StaleResult] | None = None, *, progress: Progress | None = None
) -> int:
    """Recompute ``stale`` (by default every stale result of a refreshable kind), one transaction each;
    returns how many.

    One transaction per result keeps the write lock short (the web app goes on answering) and keeps what
    was done when a later one fails. ``progress`` is called after each result is committed.
    """
    kinds = {kind.kind: kind for kind in result_kinds()}
    if stale is None:
        stale = [s for status in check(engine) if status.refreshable for s in status.stale]
    for result in stale:
        with session_scope(engine) as session:
            kinds[result.kind].refresh(session, result)
        if progress is not None:
            progress(result)
    return len(stale)
