"""What a consultation is made of: proposals, their duplicate groups and campaigns, themes, working groups, reviews.

Plain dataclasses that serialise to JSON-ready dicts (``to_dict``) and back (``from_dict``), so the intake,
the pipeline, the store (later) and the web form all pass around the same things. A submitter's contact is
kept out of ``repr`` and out of ``to_dict`` unless asked for: nothing public ever shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, get_args

Channel = Literal["web", "social", "organisation", "expert"]
SubmitterKind = Literal["citizen", "organisation", "expert", "official", "unknown"]
ReviewStatus = Literal["new", "assigned", "accepted", "partly", "rejected", "out_of_scope"]
GroupKind = Literal["copies", "campaign"]
# the languages a proposal is told apart in when its file does not say (consultations abroad add de and zh)
PROPOSAL_LANGUAGES = ("en", "ru", "kk", "de", "zh")
CHANNELS: tuple[Channel, ...] = get_args(Channel)
SUBMITTER_KINDS: tuple[SubmitterKind, ...] = get_args(SubmitterKind)
REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)


@dataclass
class Proposal:
    """One submission as received. ``articles`` are the article numbers its text names ("статья 23" -> "23").

    ``moderation`` keeps an imported moderator's verdict as given (Polis: 1 accepted, -1 rejected, 0 not
    moderated); ``meta`` keeps the other columns of the source row, as strings.
    """

    id: str
    text: str
    language: str = "und"
    channel: Channel = "web"
    submitter_kind: SubmitterKind = "unknown"
    contact: str | None = field(default=None, repr=False)
    submitted_at: dt.datetime | None = None
    articles: list[str] = field(default_factory=list)
    moderation: int | None = None
    source: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self, *, private: bool = False) -> dict[str, Any]:
        """JSON-ready; the contact only with ``private=True`` (for the commission's own records)."""
        data = asdict(self)
        data["submitted_at"] = self.submitted_at.isoformat() if self.submitted_at else None
        if not private:
            del data["contact"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Proposal:
        known = _known(cls, data)
        when = data.get("submitted_at")
        known["submitted_at"] = dt.datetime.fromisoformat(when) if isinstance(when, str) else when
        known["articles"] = [str(a) for a in data.get("articles", [])]
        known["meta"] = {str(k): str(v) for k, v in data.get("meta", {}).items()}
        return cls(**known)


@dataclass(frozen=True)
class MergeRecord:
    """One entry of a group's merge log: who joined or left, why, and by whom (the pipeline or a reviewer)."""

    action: Literal["merge", "split"]
    proposal_ids: tuple[str, ...]
    reason: str
    by: str = "dedup"
    at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "proposal_ids": list(self.proposal_ids),
            "reason": self.reason,
            "by": self.by,
            "at": self.at.isoformat() if self.at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeRecord:
        at = data.get("at")
        return cls(
            action=data["action"],
            proposal_ids=tuple(str(p) for p in data["proposal_ids"]),
            reason=str(data["reason"]),
            by=str(data.get("by", "dedup")),
            at=dt.datetime.fromisoformat(at) if at else None,
        )


@dataclass
class DuplicateGroup:
    """Proposals that say the same thing; ``representative`` is the one shown and counted as the idea.

    ``kind`` is ``copies`` (resubmissions of one text, with typos or small edits) or ``campaign`` (many
    texts filled in from one template); a campaign keeps its ``template`` with ``{…}`` where members differ.
    ``log`` records every merge and split, so each can be undone (``dedup.undo``).
    """

    id: str
    representative: str
    members: list[str]
    kind: GroupKind = "copies"
    template: str | None = None
    log: list[MergeRecord] = field(default_factory=list)

    @property
    def copies(self) -> int:
        return len(self.members) - 1

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["log"] = [record.to_dict() for record in self.log]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DuplicateGroup:
        known = _known(cls, data)
        known["members"] = [str(m) for m in data["members"]]
        known["log"] = [MergeRecord.from_dict(r) for r in data.get("log", [])]
        return cls(**known)


@dataclass
class Theme:
    """A cluster of ideas with the words that set it apart (c-TF-IDF); ``method`` names how it was made."""

    id: str
    keywords: list[str]
    members: list[str]
    method: str

    @property
    def label(self) -> str:
        return ", ".join(self.keywords[:4])

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Theme:
        return cls(**_known(cls, data))


@dataclass
class WorkingGroup:
    """A group of the commission and what it owns: sections (by number, "II") and articles ("23")."""

    name: str
    sections: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkingGroup:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Review:
    """A working group's decision on one proposal; every change is a new Review, so the history stays."""

    proposal_id: str
    status: ReviewStatus = "new"
    reason: str = ""
    reviewer: str | None = None
    working_group: str | None = None
    at: dt.datetime | None = None

    def __post_init__(self) -> None:
        if self.status not in REVIEW_STATUSES:
            raise ValueError(f"unknown review status {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat() if self.at else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        known = _known(cls, data)
        at = data.get("at")
        known["at"] = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
        return cls(**known)


def _known(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}
