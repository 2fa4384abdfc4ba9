"""Headings and front matter: titles, preambles, sections, chapters and the words after an article's number.

Whether the words after a number are a title or the article's first part is decided from the whole document
(``layout``), never from one line alone: a run-in title ended by ".—", a title wrapped over lines, a subject
heading in capitals above an article, the document's name printed twice above its preamble.
"""

from __future__ import annotations

import re

from charterwatch.texts.layout import dash_title_end, first_part_is_text
from charterwatch.texts.lines import SourceLine
from charterwatch.texts.numbering import LineMatch
from charterwatch.texts.tree import Provision, ProvisionKind
from charterwatch.texts.tree_core import TreeCore

_TITLE = re.compile(r"(?i)\b(?:constitution|конституция|конституція|конституциясы)\b")
_FRONT_MATTER = re.compile(
    r"(?i)^(?:принят[аоы]?\b|конституция принята|adopted\b|вступил[аи]?\b|официальный источник|текст получен|"
    r"қабылдан|referendum)"
)
# Words after a repeated article number that are an editorial remark, not the article's text.
_REMARK = re.compile(r"(?i)алып\s+тасталды|күші\s+жойылды|исключен|утратил|excluded|repealed|редакци")
# A line wholly in brackets before the preamble: where the text was published ("( Відомості ... )").
_IN_BRACKETS = re.compile(r"^\([^\n]*\)$")
_PREAMBLE_WORD = re.compile(r"(?i)^(?:preamble|préambule|преамбула)\s*$")


_TITLE_WRAPS = 3  # a run-in title wraps over four lines at most


class TreeHeadings(TreeCore):
    """Front matter and headings of every level, on top of ``TreeCore``."""

    def _front(self, line: SourceLine) -> None:
        words = self.source[line.start : line.end]
        if self.preamble is not None and _is_subject_heading(words) and self._heads_articles():
            self.in_body = True  # "THE NATION" after the preamble heads the first articles
            self._open(Provision(kind="chapter", eid="", heading=words, span=(line.start, line.end)))
            return
        if self.preamble is None and self.title is None and _TITLE.search(words) and len(words) <= 150:
            self.title = words
        elif self.preamble is None and (
            _FRONT_MATTER.match(words) or _IN_BRACKETS.match(words) or self._repeats_title(words)
        ):
            self._note(line.start, line.end)
        elif self.preamble is None:
            self.preamble = Provision(kind="preamble", eid="preamble", span=(line.start, line.end))
            self.roots.append(self.preamble)
            if _PREAMBLE_WORD.match(words):
                self.preamble.heading = words  # "Préambule", "PREAMBLE": the preamble's title, not its words
            else:
                self._set_text(self.preamble, line.start, line.end)
        else:
            start = self.preamble.text_span[0] if self.preamble.text else line.start
            self._set_text(self.preamble, start, line.end)

    def _repeats_title(self, words: str) -> bool:
        """The document's name printed again under a header line ("КОНСТИТУЦІЯ УКРАЇНИ"): front matter."""
        return self.title is not None and _TITLE.search(words) is not None and len(words) <= 150

    def _heading(self, line: SourceLine, article_num: str | None) -> None:
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
        dash_title = kind == "article" and self.dash_titles and match.rest is not None
        first_part = (
            kind == "article"
            and match.rest is not None
            and not dash_title
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
        self.heading_open = node if node.heading is not None and not dash_title else None
        self.heading_start = label_end
        if dash_title:
            self._dash_title(node, line)
        elif first_part:
            self._first_part(node, line)  # "Статья 5. Первая часть ...": norm text, not a title
        elif kind != "article" and match.rest is None:
            self.awaiting_heading = node

    def _fills_heading(self, line: SourceLine) -> bool:
        """A section or chapter title printed on the line after its number."""
        node, self.awaiting_heading = self.awaiting_heading, None
        if node is None or line.match.kind != "text" or line.end - line.start > 200:
            return False
        node.heading = self.source[line.start : line.end]
        self.heading_open = node
        return True

    def _continues_heading(self, line: SourceLine) -> bool:
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

    def _subject_heading(self, line: SourceLine) -> bool:
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

    def _dash_title(self, node: Provision, line: SourceLine) -> None:
        """A run-in title ("Definition.—In this Part ..."): the words before the dash are the title, the rest
        of the line the first part; with no dash yet, the title wraps onto the next line."""
        start = line.start + line.match.rest_at
        self._split_dash_title(node, start, line.end, prefix="")

    def _ends_dash_title(self, line: SourceLine) -> bool:
        node, self.dash_pending = self.dash_pending, None
        if node is None or line.match.kind not in ("text", "item", "paragraph"):
            return False
        self._split_dash_title(node, line.start, line.end, prefix=f"{node.heading} ")
        return True

    def _split_dash_title(self, node: Provision, start: int, end: int, *, prefix: str) -> None:
        words = self.source[start:end]
        dash = dash_title_end(words)
        if dash is None:
            node.heading = f"{prefix}{words}"
            self.dash_wraps = self.dash_wraps + 1 if prefix else 0
            self.dash_pending = node if self.dash_wraps < _TITLE_WRAPS else None
            return
        node.heading = f"{prefix}{words[: dash[0]]}".strip().lstrip("[")  # "[Sikkim ... Union. ]—Omitted"
        if start + dash[1] < end:
            self._first_part(node, SourceLine(start + dash[1], end, LineMatch("text")))


def _is_subject_heading(words: str) -> bool:
    """A short line in capitals with no number and no closing punctuation ("THE PRESIDENT")."""
    return (
        words.isupper()
        and len(words) <= 80
        and not any(c.isdigit() for c in words)
        and not words.endswith((".", ";", ",", ":"))
    )
