"""Parse the plain text of a constitution into a provision tree.

The parser is line based: each line is classified by ``numbering.classify`` and attached to the innermost open
provision that may hold it. Every node keeps the exact offsets of its words in the source, and editorial notes
("Footnote.", "Сноска.", "(В редакции ...)") become ``note`` nodes, never part of the norm text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from charterwatch.errors import CharterwatchError, E
from charterwatch.lang.detect import detect_language
from charterwatch.texts.finish import assign_eids, close_spans, restore_flattened_numbers
from charterwatch.texts.layout import continues, first_part_is_text, promote_articles, prose_share
from charterwatch.texts.numbering import (
    LineMatch,
    article_number,
    classify,
    restore_flattened,
    split_editorial_tail,
)
from charterwatch.texts.tree import PROVISION_LEVEL, ParsedText, Provision, ProvisionKind

PARSER_NAME = "texts.plain.v1"
MAX_CHARS = 20_000_000
_TITLE = re.compile(r"(?i)\b(?:constitution|конституция|конституциясы)\b")
_FRONT_MATTER = re.compile(
    r"(?i)^(?:принят[аоы]?\b|конституция принята|adopted\b|вступил[аи]?\b|официальный источник|текст получен|"
    r"қабылдан|referendum)"
)
_ARTICLE_NOTE = re.compile(
    r"(?i)^(?:\((?:статья|наименование)\b|(?:сноска|footnote|примечание)[.:]\s*(?:статья|article)\s)"
)
# Words after a repeated article number that are an editorial remark, not the article's text.
_REMARK = re.compile(r"(?i)алып\s+тасталды|күші\s+жойылды|исключен|утратил|excluded|repealed|редакци")


@dataclass
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    match: LineMatch


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = offset + (len(raw) - len(raw.lstrip()))
        lines.append(_Line(start, start + len(stripped), classify(raw)))
        offset += len(raw) + 1
    promote_articles(lines)
    return lines


def parse_text(
    text: str, *, lang: str | None = None, path: str = "<text>", timeout_s: float = 30.0
) -> ParsedText:
    """Parse a constitution's plain text. Raises ``CharterwatchError`` (and nothing else) on bad input."""
    if len(text) > MAX_CHARS:
        raise CharterwatchError(
            E.FILE_TOO_LARGE, path=path, size_mb=len(text) / 2**20, limit_mb=MAX_CHARS / 2**20
        )
    builder = _TreeBuilder(text, deadline=time.monotonic() + timeout_s, path=path, timeout_s=timeout_s)
    builder.build(_lines(text))
    if not any(p.kind == "article" for top in builder.roots for p in top.walk()):
        raise CharterwatchError(E.NO_ARTICLES, path=path)
    for node in builder.roots:
        restore_flattened_numbers(node)
    assign_eids(builder.roots, "")
    for root in builder.roots:
        close_spans(root)
    return ParsedText(
        title=builder.title,
        lang=lang or detect_language(text, sample=20_000, fallback="en"),
        provisions=builder.roots,
        source_text=text,
    )


class _TreeBuilder:
    """Attaches classified lines to the innermost open provision that may hold them."""

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
        self.next_kinds: list[str] = []  # the kind of the next non-blank line, by line
        self.index = 0

    def build(self, lines: list[_Line]) -> None:
        article_nums = self._article_numbers(lines)
        self.document_prose = prose_share(
            [lines[i].match.rest or "" for i in article_nums if lines[i].match.rest is not None]
        )
        self.next_kinds = _next_kinds(lines)
        for index, line in enumerate(lines):
            self.index = index
            if index % 1000 == 0 and time.monotonic() > self.deadline:
                raise CharterwatchError(E.PARSE_TIMEOUT, path=self.path, limit_s=self.timeout_s)
            kind = line.match.kind
            if kind == "blank":
                continue
            if kind != "text":
                self.heading_open = None  # only a plain line may continue a title
            if kind == "note":
                self._note(line.start, line.end)
            elif kind in ("section", "chapter", "article"):
                self._heading(line, article_nums.get(index))
            elif not self.in_body:
                self._front(line)
            elif self._fills_heading(line) or self._continues_heading(line):
                continue
            elif kind == "paragraph":
                self._numbered("paragraph", line)
            elif kind == "item":
                self._numbered("subparagraph", line)
            elif not self._subject_heading(line):
                self._text(line)

    @staticmethod
    def _article_numbers(lines: list[_Line]) -> dict[int, str]:
        """Article numbers by line, superscripts restored; run-on lines out of sequence are demoted to text."""
        indices: list[int] = []
        previous = ""
        for index, line in enumerate(lines):
            if line.match.kind != "article":
                continue
            num = line.match.num or ""
            if line.match.doubtful and not continues(previous, num):
                line.match = LineMatch(
                    "text", rest=line.match.rest
                )  # "Статья 5 Конституции ..." in a sentence
                continue
            indices.append(index)
            previous = num
        printed = [article_number(lines[i].match.num or "") for i in indices]
        return dict(zip(indices, restore_flattened(printed), strict=True))

    # -- the part before the first heading: title, front matter, preamble
    def _front(self, line: _Line) -> None:
        words = self.source[line.start : line.end]
        if self.preamble is not None and _is_subject_heading(words) and self._heads_articles():
            self.in_body = True  # "THE NATION" after the preamble heads the first articles
            self._open(Provision(kind="chapter", eid="", heading=words, span=(line.start, line.end)))
            return
        if self.preamble is None and self.title is None and _TITLE.search(words) and len(words) <= 150:
            self.title = words
        elif self.preamble is None and _FRONT_MATTER.match(words):
            self._note(line.start, line.end)
        elif self.preamble is None:
            self.preamble = Provision(kind="preamble", eid="preamble", span=(line.start, line.end))
            self.roots.append(self.preamble)
            self._set_text(self.preamble, line.start, line.end)
        else:
            self._set_text(self.preamble, self.preamble.text_span[0], line.end)

    # -- structure
    def _open(self, node: Provision) -> None:
        level = PROVISION_LEVEL[node.kind]
        while self.stack and PROVISION_LEVEL[self.stack[-1].kind] >= level:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)
        self.text_owner = None

    def _current_article(self) -> Provision | None:
        return next((p for p in reversed(self.stack) if p.kind == "article"), None)

    def _heading(self, line: _Line, article_num: str | None) -> None:
        match = line.match
        current = self._current_article()
        if match.kind == "article" and current is not None and current.num == article_num and self.in_body:
            rest = match.rest
            if rest and not _REMARK.search(rest) and not current.text and not current.norm_children():
                # "7. Definition of the State" / "7. In this Part ...": the number printed again before the words
                self._first_part(current, line)
            else:
                self._note(
                    line.start, line.end
                )  # "84-бап ... алып тасталды": a repeat of the heading is a remark
            return
        self.in_body = True
        self.awaiting_heading = None
        label_end = line.start + match.rest_at
        label = self.source[line.start : label_end].rstrip()
        kind: ProvisionKind = match.kind  # type: ignore[assignment]
        first_part = (
            kind == "article"
            and match.rest is not None
            and first_part_is_text(match.rest, document_prose=self.document_prose)
        )
        node = Provision(
            kind=kind,
            eid="",
            num=article_num if kind == "article" else match.num,
            label=label,
            heading=None if first_part else match.rest,
            span=(line.start, line.end),
        )
        self._open(node)
        self.heading_open = node if node.heading is not None else None
        self.heading_start = label_end
        if first_part:
            self._first_part(node, line)  # "Статья 5. Первая часть ...": norm text, not a title
        elif kind != "article" and match.rest is None:
            self.awaiting_heading = node

    def _first_part(self, article: Provision, line: _Line) -> None:
        """The words after an article's number: its text, or its first numbered part ("Статья 5. 1. ...")."""
        start = line.start + line.match.rest_at
        inner = classify(self.source[start : line.end])
        if inner.kind in ("paragraph", "item"):
            self._numbered(
                "paragraph" if inner.kind == "paragraph" else "subparagraph", _Line(start, line.end, inner)
            )
        else:
            self._set_text(article, start, line.end)

    def _fills_heading(self, line: _Line) -> bool:
        """A section or chapter title printed on the line after its number."""
        node, self.awaiting_heading = self.awaiting_heading, None
        if node is None or line.match.kind != "text" or line.end - line.start > 200:
            return False
        node.heading = self.source[line.start : line.end]
        self.heading_open = node
        return True

    def _continues_heading(self, line: _Line) -> bool:
        """A title wrapped over lines: the next line starts in lower case, or both are in capitals."""
        node, self.heading_open = self.heading_open, None
        words = self.source[line.start : line.end]
        if node is None or node.heading is None or line.match.kind != "text" or len(words) > 200:
            return False
        capitals = node.heading.isupper() and words.isupper() and node.kind != "article"
        if not (words[:1].islower() or capitals):
            return False
        joined = f"{node.heading} {words}"
        if node.kind == "article" and first_part_is_text(joined, document_prose=self.document_prose):
            node.heading = None  # a first part wrapped over lines, not a title: its words are norm text
            self._set_text(node, self.heading_start, line.end)
            return True
        node.heading = joined
        self.heading_open = node
        return True

    def _heads_articles(self) -> bool:
        """A subject heading stands right above an article (a running header in capitals does not)."""
        return self.next_kinds[self.index] == "article"

    def _subject_heading(self, line: _Line) -> bool:
        """A short line in capitals between articles ("THE PRESIDENT") heads the articles after it: an
        unnumbered chapter."""
        words = self.source[line.start : line.end]
        if not _is_subject_heading(words) or self._current_article() is None or not self._heads_articles():
            return False
        if any(p.kind == "chapter" and p.num is not None for p in self.stack):
            return False  # the document numbers its chapters: a line in capitals is not one
        node = Provision(kind="chapter", eid="", heading=words, span=(line.start, line.end))
        self._open(node)
        return True

    def _numbered(self, kind: ProvisionKind, line: _Line) -> None:
        printed = self.source[line.start : line.start + line.match.rest_at].rstrip()
        node = Provision(kind=kind, eid="", num=line.match.num, label=printed, span=(line.start, line.end))
        self._open(node)
        self._set_text(node, line.start + line.match.rest_at, line.end)

    def _text(self, line: _Line) -> None:
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


def _next_kinds(lines: list[_Line]) -> list[str]:
    kinds = [""] * len(lines)
    following = ""
    for index in range(len(lines) - 1, -1, -1):
        kinds[index] = following
        if lines[index].match.kind != "blank":
            following = lines[index].match.kind
    return kinds


def _is_subject_heading(words: str) -> bool:
    """A short line in capitals with no number and no closing punctuation ("THE PRESIDENT")."""
    return (
        words.isupper()
        and len(words) <= 80
        and not any(c.isdigit() for c in words)
        and not words.endswith((".", ";", ",", ":"))
    )


def _note_after_text(node: Provision) -> bool:
    return any(c.kind == "note" and c.span[0] >= node.text_span[1] for c in node.children)
