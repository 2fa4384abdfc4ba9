"""The parsed form of a constitution: a plain, JSON-serialisable tree of provisions.

Every importer produces this tree before anything touches the store or Akoma Ntoso, so tests, ``--json`` and
exports all look at the same thing. Spans are character offsets into the source text the tree was parsed from
(the decoded text of a .txt file, the extracted text of HTML, PDF, DOCX or Akoma Ntoso), so every provision can
be traced back to the exact words it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

ProvisionKind = Literal["preamble", "section", "chapter", "article", "paragraph", "subparagraph", "note"]
PROVISION_KINDS: tuple[ProvisionKind, ...] = (
    "preamble",
    "section",
    "chapter",
    "article",
    "paragraph",
    "subparagraph",
    "note",
)
EID_PREFIX: dict[ProvisionKind, str] = {
    "preamble": "preamble",
    "section": "sec",
    "chapter": "chp",
    "article": "art",
    "paragraph": "para",
    "subparagraph": "subpara",
    "note": "note",
}

# How deep each kind nests: a provision may hold kinds of a higher level only (notes go anywhere).
PROVISION_LEVEL: dict[ProvisionKind, int] = {
    "section": 1,
    "chapter": 2,
    "article": 3,
    "paragraph": 4,
    "subparagraph": 5,
}

Span = tuple[int, int]


@dataclass
class Provision:
    """One node of the tree.

    ``num`` is the number as printed without its keyword ("5", "44-1", "I"), except that flattened
    superscripts are restored ("Статья 671" gives "67.1"); ``label`` is the heading line as printed.
    ``text`` is the node's own words, exactly ``source[text_span[0]:text_span[1]]``; ``span`` covers the node
    and all its children.
    """

    kind: ProvisionKind
    eid: str
    num: str | None = None
    label: str | None = None
    heading: str | None = None
    text: str = ""
    span: Span = (0, 0)
    text_span: Span = (0, 0)
    children: list[Provision] = field(default_factory=list)

    def walk(self) -> Iterator[Provision]:
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def norm_children(self) -> list[Provision]:
        """Children that are part of the norm (everything but editorial notes)."""
        return [c for c in self.children if c.kind != "note"]

    def norm_text(self) -> str:
        """The words of this node and its descendants, notes left out, whitespace collapsed."""
        parts = [self.text] if self.text else []
        parts.extend(child.norm_text() for child in self.norm_children())
        return " ".join(" ".join(parts).split())

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "eid": self.eid,
            "num": self.num,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "span": list(self.span),
            "text_span": list(self.text_span),
            "children": [child.to_dict() for child in self.children],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provision:
        kind = data["kind"]
        if kind not in PROVISION_KINDS:
            raise ValueError(f"unknown provision kind {kind!r}")
        return cls(
            kind=kind,
            eid=str(data["eid"]),
            num=data.get("num"),
            label=data.get("label"),
            heading=data.get("heading"),
            text=str(data.get("text", "")),
            span=_span(data.get("span")),
            text_span=_span(data.get("text_span")),
            children=[cls.from_dict(child) for child in data.get("children", [])],
        )


@dataclass
class ParsedText:
    """A whole parsed text: its title, language and top-level provisions, with the source it came from."""

    title: str | None
    lang: str
    provisions: list[Provision]
    source_text: str = field(repr=False, default="")

    def walk(self) -> Iterator[Provision]:
        for provision in self.provisions:
            yield from provision.walk()

    def articles(self) -> list[Provision]:
        """Articles in printed order."""
        return [p for p in self.walk() if p.kind == "article"]

    def article(self, num: str) -> Provision | None:
        return next((a for a in self.articles() if a.num == num), None)

    def to_dict(self, *, with_source: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "lang": self.lang,
            "provisions": [p.to_dict() for p in self.provisions],
        }
        if with_source:
            data["source_text"] = self.source_text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedText:
        return cls(
            title=data.get("title"),
            lang=str(data["lang"]),
            provisions=[Provision.from_dict(p) for p in data["provisions"]],
            source_text=str(data.get("source_text", "")),
        )

    def structure(self) -> list[dict[str, Any]]:
        """The tree without source offsets: what must survive an export and re-import unchanged."""
        return [_without_spans(p.to_dict()) for p in self.provisions]


def _span(value: Any) -> Span:
    if not value:
        return (0, 0)
    start, end = value
    return (int(start), int(end))


def _without_spans(node: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in node.items() if k not in ("span", "text_span", "children")}
    out["children"] = [_without_spans(child) for child in node["children"]]
    return out
