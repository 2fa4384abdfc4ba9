"""The core of the tree builder: open provisions, attach text and notes, keep exact source offsets.

``TreeCore`` holds the state a parse builds up (the roots, the stack of open provisions, the provision that owns
the running text); the heading logic (``tree_headings``) and the line loop (``parse``) build on it.
"""

from __future__ import annotations

import re

from charterwatch.texts.lines import SourceLine
from charterwatch.texts.numbering import classify, split_editorial_tail
from charterwatch.texts.tree import PROVISION_LEVEL, Provision, ProvisionKind

_ARTICLE_NOTE = re.compile(
    r"(?i)^(?:\((?:статья|наименование)\b|(?:сноска|footnote|примечание)[.:]\s*(?:статья|article)\s)"
)


class TreeCore:
    """Attaches text to the innermost open provision that may hold it."""

    def __init__(self, source: str, *, deadline: float, path: str, timeout_s: float) -> None:
        self.source = source
        self.deadline = deadline
        self.path = path
        self.timeout_s = timeout_s
        self.roots: list[Provision] = []
        self.stack: list[Provision] = []
        self.title: str | None = None
        self.preamble: Provision | None = None
        self.in_body = False
        self.text_owner: Provision | None = None
        self.awaiting_heading: Provision | None = None
        self.heading_open: Provision | None = None  # a heading that a wrapped line may still continue
        self.heading_start = 0  # where the words of an article's heading line start
        self.document_prose = 0.0
        self.dash_titles = False  # titles run into the text after ".—" (``layout.dash_titled``)
        self.dash_pending: Provision | None = None  # an article whose run-in title has not reached its dash
        self.dash_wraps = 0  # lines a pending run-in title has wrapped over so far
        self.next_kinds: list[str] = []  # the kind of the next non-blank line, by line
        self.index = 0

    def _open(self, node: Provision) -> None:
        level = PROVISION_LEVEL[node.kind]
        while self.stack and PROVISION_LEVEL[self.stack[-1].kind] >= level:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)
        self.text_owner = None

    def _current_article(self) -> Provision | None:
        return next((p for p in reversed(self.stack) if p.kind == "article"), None)

    def _first_part(self, article: Provision, line: SourceLine) -> None:
        """The words after an article's number: its text, or its first numbered part ("Статья 5. 1. ...")."""
        start = line.start + line.match.rest_at
        inner = classify(self.source[start : line.end])
        if inner.kind in ("paragraph", "item"):
            self._numbered(
                "paragraph" if inner.kind == "paragraph" else "subparagraph",
                SourceLine(start, line.end, inner),
            )
        else:
            self._set_text(article, start, line.end)

    def _numbered(self, kind: ProvisionKind, line: SourceLine) -> None:
        printed = self.source[line.start : line.start + line.match.rest_at].rstrip()
        node = Provision(kind=kind, eid="", num=line.match.num, label=printed, span=(line.start, line.end))
        self._open(node)
        self._set_text(node, line.start + line.match.rest_at, line.end)

    def _text(self, line: SourceLine) -> None:
        owner = self.text_owner
        if owner is not None and not _note_after_text(owner):
            self._set_text(owner, owner.text_span[0], line.end)
            return
        container = self.stack[-1] if self.stack else None
        if container is not None and not container.text and not container.norm_children():
            self._set_text(container, line.start, line.end)
            self.text_owner = container
            return
        # words after a note, or after the children of a container: an unnumbered part of their own
        kind: ProvisionKind = "subparagraph" if owner is not None and owner.kind != "article" else "paragraph"
        node = Provision(kind=kind, eid="", span=(line.start, line.end))
        self._open(node)
        self._set_text(node, line.start, line.end)

    def _set_text(self, node: Provision, start: int, end: int) -> None:
        tail = split_editorial_tail(self.source[start:end])
        if tail is not None:
            note_start = start + tail
            node.children.append(
                Provision(
                    kind="note",
                    eid="",
                    text=self.source[note_start:end],
                    span=(note_start, end),
                    text_span=(note_start, end),
                )
            )
            end = start + len(self.source[start:note_start].rstrip())
        node.text = self.source[start:end]
        node.text_span = (start, end)
        self.text_owner = node

    def _note(self, start: int, end: int) -> None:
        note = Provision(
            kind="note", eid="", text=self.source[start:end], span=(start, end), text_span=(start, end)
        )
        owner = self.stack[-1] if self.stack else None
        if owner is not None and _ARTICLE_NOTE.match(note.text):
            owner = self._current_article() or owner  # "(Статья введена ...)" speaks of the whole article
        (owner.children if owner is not None else self.roots).append(note)


def _note_after_text(node: Provision) -> bool:
    return any(c.kind == "note" and c.span[0] >= node.text_span[1] for c in node.children)
