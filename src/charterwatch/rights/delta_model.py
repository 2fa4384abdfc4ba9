"""What the rights delta is made of: passages of either version, the changes between them, and how to say where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from charterwatch.rights.model import Evidence, Location
from charterwatch.rights.standards import Verdict

ChangeKind = Literal[
    "ground_added",
    "ground_removed",
    "limitation_broadened",
    "limitation_narrowed",
    "limitation_changed",
    "safeguard_added",
    "safeguard_removed",
    "safeguard_changed",
    "right_dropped",
    "right_added",
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "ground_added",
    "ground_removed",
    "limitation_broadened",
    "limitation_narrowed",
    "limitation_changed",
    "safeguard_added",
    "safeguard_removed",
    "safeguard_changed",
    "right_dropped",
    "right_added",
)


@dataclass(frozen=True)
class Passage:
    """Words of one version: which version, where (article, paragraph as printed, eId) and the span."""

    ref: str
    article: str | None
    paragraph: str | None
    eid: str
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, ref: str, location: Location, evidence: Evidence) -> Passage:
        return cls(
            ref,
            location.article,
            location.paragraph,
            location.eid,
            evidence.start,
            evidence.end,
            evidence.quote,
        )


@dataclass(frozen=True)
class Change:
    """One change between the versions, with the evidence of both sides."""

    kind: ChangeKind
    right: str | None  # ICCPR article, "*" for all rights, None for a safeguard
    subject: str  # a ground key, safeguard id, guarantee id or ICCPR article
    label: str
    detail: str  # what changed, in words built from the findings
    verdict: Verdict | None = None  # a ground's verdict for the right
    old: Passage | None = None  # the words in the old version, where the thing exists there
    new: Passage | None = None
    old_clause: Passage | None = None  # the clause around them, or the counterpart passage
    new_clause: Passage | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RightsDelta:
    old_ref: str
    new_ref: str
    method: str  # the comparison's aligner
    changes: tuple[Change, ...]

    def of_kind(self, *kinds: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds]

    def summary(self) -> dict[str, int]:
        return {kind: n for kind in CHANGE_KINDS if (n := len(self.of_kind(kind)))}

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_ref": self.old_ref,
            "new_ref": self.new_ref,
            "method": self.method,
            "summary": self.summary(),
            "changes": [c.to_dict() for c in self.changes],
        }


def right_name(right: str) -> str:
    return "all rights" if right == "*" else f"ICCPR art. {right}"


def where_list(locations: Iterable[Location]) -> str:
    seen = dict.fromkeys(where(loc) for loc in locations)
    return ", ".join(seen)


def where(location: Location | None) -> str:
    """ "art. 23(4)" for a location, "—" when there is none."""
    if location is None or location.article is None:
        return "—"
    return f"art. {location.article}" + (f"({location.paragraph})" if location.paragraph else "")


def location_of(passage: Passage) -> Location:
    return Location(passage.ref, passage.article, passage.paragraph, passage.eid)


def evidence_of(passage: Passage) -> Evidence:
    return Evidence(passage.start, passage.end, passage.quote)


def where_passage(passage: Passage | None) -> str:
    return where(location_of(passage)) if passage else "—"


def right_order(item: tuple[str, str]) -> tuple[int, str]:
    right, key = item
    return (int(right) if right.isdigit() else 0, key)
