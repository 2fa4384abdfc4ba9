"""What a comparison of two versions is: aligned article pairs with their kind, score and redline, and figures.

Plain dataclasses, JSON-serialisable through ``to_dict``, so the CLI, the reports, the store and the web app all
read the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

PairKind = Literal["same", "amended", "renumbered", "moved", "split", "merged", "new", "removed"]
PAIR_KINDS: tuple[PairKind, ...] = (
    "same",
    "amended",
    "renumbered",
    "moved",
    "split",
    "merged",
    "new",
    "removed",
)
TextChange = Literal["unchanged", "minor", "amended", "rewritten"]
TEXT_CHANGES: tuple[TextChange, ...] = ("unchanged", "minor", "amended", "rewritten")
# The words shown for each text change, and for the position of a pair ("same number" for same / amended).
TEXT_CHANGE_LABELS: dict[str, str] = {
    "unchanged": "unchanged",
    "minor": "minor edits",
    "amended": "amended",
    "rewritten": "rewritten",
}
OpKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class RedlineOp:
    """One run of the word-level redline: words kept, inserted (new only) or deleted (old only)."""

    op: OpKind
    text: str


@dataclass
class AlignedPair:
    """New article(s) and the old article(s) they come from.

    One-to-one for same / amended / renumbered / moved; one old to several new for a split (one pair per new
    article, each naming the same old one); several old to one new for a merge; ``old`` empty for a new article,
    ``new`` empty for a removed one. ``similarity`` is in [0, 1]. ``text_changed`` says whether any word differs
    (so a renumbered pair may or may not have changed text). Two axes (docs/compare.md): ``kind`` is the shape
    and the position (same number, renumbered, moved, split, merged), ``text_change`` how much the wording
    changed (unchanged, minor, amended, rewritten; None for a new or removed article).
    """

    kind: PairKind
    new: list[str]  # article numbers in the new version, as in Provision.num
    old: list[str]  # article numbers in the old version
    similarity: float
    words_old: int = 0
    words_new: int = 0
    words_deleted: int = 0
    words_inserted: int = 0
    redline: list[RedlineOp] = field(default_factory=list)
    text_changed: bool = False
    text_change: TextChange | None = None
    # Old articles outside this pair whose paragraphs went into its new article (sub-article alignment).
    fed_by: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def position(self) -> str | None:
        """The position axis: "same number", "renumbered", "moved", "split" or "merged"; None when one side
        is missing."""
        if not self.old or not self.new:
            return None
        return "same number" if self.kind in ("same", "amended") else self.kind

    @property
    def label(self) -> str:
        """Both axes in words: "renumbered, amended", "same number, minor edits", "split, unchanged"; "same",
        "new" and "removed" alone."""
        if self.kind == "same" or self.position is None:
            return self.kind
        text = self.text_change or ("amended" if self.text_changed else "unchanged")
        return f"{self.position}, {TEXT_CHANGE_LABELS[text]}"


@dataclass
class ChangeStats:
    """Shares over articles and words; definitions in docs/compare.md."""

    articles_old: int
    articles_new: int
    by_kind: dict[str, int]
    words_old: int
    words_new: int
    words_deleted: int
    words_inserted: int
    # What became of each old article (same ... merged, removed) and where each new one comes from (same ... new).
    old_by_kind: dict[str, int] = field(default_factory=dict)
    new_by_kind: dict[str, int] = field(default_factory=dict)
    # The text axis per article: what became of each old article's wording (unchanged ... rewritten, removed)
    # and how each new article's wording came about (unchanged ... rewritten, new).
    old_by_text: dict[str, int] = field(default_factory=dict)
    new_by_text: dict[str, int] = field(default_factory=dict)
    # Both axes together: aligned pairs by position (same number ... merged), then by text change.
    by_axes: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def changed_word_share(self) -> float:
        """(deleted + inserted) / (old + new) words: 0 when nothing changed, 1 when nothing was kept."""
        total = self.words_old + self.words_new
        return (self.words_deleted + self.words_inserted) / total if total else 0.0

    @property
    def deleted_word_share(self) -> float:
        """Share of the old text's words that did not survive into the new text."""
        return self.words_deleted / self.words_old if self.words_old else 0.0

    @property
    def inserted_word_share(self) -> float:
        """Share of the new text's words that were not in the old text."""
        return self.words_inserted / self.words_new if self.words_new else 0.0

    @property
    def new_articles_changed(self) -> int:
        """New articles that are new or whose wording differs from their source's in at least one word."""
        return self.articles_new - self.new_by_text.get("unchanged", 0)

    @property
    def new_articles_changed_beyond_minor(self) -> int:
        """New articles that are new, amended or rewritten (minor edits, such as renumbered references, not
        counted)."""
        return self.new_articles_changed - self.new_by_text.get("minor", 0)

    @property
    def old_articles_changed(self) -> int:
        """Old articles that were removed or whose wording changed in at least one word."""
        return self.articles_old - self.old_by_text.get("unchanged", 0)

    @property
    def changed_article_share(self) -> float:
        """``new_articles_changed`` over the new articles: the question "how many articles changed?"."""
        return self.new_articles_changed / self.articles_new if self.articles_new else 0.0

    def old_share(self, kind: str) -> float:
        """Share of old articles whose fate is ``kind`` (same, amended, ..., merged, removed)."""
        return self.old_by_kind.get(kind, 0) / self.articles_old if self.articles_old else 0.0

    def new_share(self, kind: str) -> float:
        """Share of new articles whose origin is ``kind`` (same, amended, ..., merged, new)."""
        return self.new_by_kind.get(kind, 0) / self.articles_new if self.articles_new else 0.0


@dataclass
class Comparison:
    old_ref: str
    new_ref: str
    method: str  # the method id of the code that made it: comparison_method(), docs/store.md
    pairs: list[AlignedPair]
    stats: ChangeStats
    sections: dict[str, ChangeStats] = field(default_factory=dict)  # per section of the new version

    def renumbering(self) -> dict[str, list[str]]:
        """Old article number -> the new number(s) it became (empty when removed)."""
        mapping: dict[str, list[str]] = {}
        for pair in self.pairs:
            for old in pair.old:
                mapping.setdefault(old, []).extend(pair.new)
        return mapping


# Serialisation: plain dicts for the JSON report and the store, back to an equal Comparison. Keys a reader does
# not know (derived figures such as ``changed_word_share``) are ignored, so older JSON still loads.


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as JSON-ready dicts and lists."""
    return asdict(comparison)


def comparison_from_dict(data: dict[str, Any]) -> Comparison:
    """The inverse of ``comparison_to_dict``."""
    known = _known(Comparison, data)
    known["pairs"] = [pair_from_dict(pair) for pair in data["pairs"]]
    known["stats"] = stats_from_dict(data["stats"])
    known["sections"] = {name: stats_from_dict(s) for name, s in data.get("sections", {}).items()}
    return Comparison(**known)


def pair_from_dict(data: dict[str, Any]) -> AlignedPair:
    known = _known(AlignedPair, data)
    known["new"] = [str(num) for num in data["new"]]
    known["old"] = [str(num) for num in data["old"]]
    known["fed_by"] = [str(num) for num in data.get("fed_by") or []]
    known["redline"] = [RedlineOp(op["op"], op["text"]) for op in data.get("redline", [])]
    if known.get("text_change") not in (None, *TEXT_CHANGES):
        known["text_change"] = None
    return AlignedPair(**known)


def stats_from_dict(data: dict[str, Any]) -> ChangeStats:
    known = _known(ChangeStats, data)
    known["by_kind"] = {str(kind): int(count) for kind, count in data["by_kind"].items()}
    return ChangeStats(**known)


def _known(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {key: value for key, value in data.items() if key in names}
