"""What the rights audit finds, as plain JSON-serialisable dataclasses.

Every finding names the rule that produced it (``iccpr_grounds.v2``) and carries its evidence as offsets into
the version's source text, so ``source_text[start:end] == quote`` always holds and a report can quote exactly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from charterwatch.rights.standards import Verdict

ClauseKind = Literal["specific", "general", "clawback", "prohibition"]
CLAUSE_KINDS: tuple[ClauseKind, ...] = ("specific", "general", "clawback", "prohibition")


@dataclass(frozen=True)
class Evidence:
    """A span of the source text and the words in it."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Location:
    """Where in a version a finding sits: the version (or file), article and paragraph as printed, the eId."""

    version: str | None
    article: str | None
    paragraph: str | None
    eid: str


@dataclass(frozen=True)
class RightMention:
    """A right a provision guarantees or limits, mapped to its ICCPR article."""

    iccpr: str
    evidence: Evidence


@dataclass(frozen=True)
class GroundFinding:
    """One limitation ground named by a clause, with its verdict for each right the clause limits."""

    rule: str
    location: Location
    phrase_id: str  # a phrase_mapping id, or a ground id when the wording is the treaty's
    ground_ids: tuple[str, ...]
    match: str
    verdict: Verdict  # the strictest over the rights concerned
    verdicts: dict[str, Verdict]
    reason: str
    evidence: Evidence
    clause: Evidence
    kind: ClauseKind
    rights: tuple[str, ...]
    confidence: float
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Clause:
    """A limitation clause: one sentence that restricts a right or lets the law restrict it."""

    rule: str
    location: Location
    kind: ClauseKind
    rights: tuple[str, ...]  # ICCPR articles, or ("*",) for all rights
    evidence: Evidence
    test_words: dict[str, bool]  # legality, necessity, proportionality: present in the clause?
    conditions: tuple[str, ...]  # procedural safeguards named (court authorisation)
    grounds: tuple[GroundFinding, ...]
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ProvisionRights:
    """The rights analysis of one paragraph (or undivided article): rights named and limitation clauses."""

    location: Location
    rights: tuple[RightMention, ...]
    clauses: tuple[Clause, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Safeguard:
    """A safeguard present or absent, with the provision and words that show it (none when nothing does)."""

    rule: str
    safeguard: str
    label: str
    present: bool
    location: Location | None
    evidence: Evidence | None
    details: dict[str, str]  # e.g. who appoints the ombudsman, on whose proposal
    standard: str
    sources: tuple[str, ...]
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
