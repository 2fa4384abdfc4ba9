"""Parse the plain text of a constitution into a provision tree.

The parser is line based: each line is classified by ``numbering.classify`` and attached to the innermost open
provision that may hold it. Every node keeps the exact offsets of its words in the source, and editorial notes
("Footnote.", "Сноска.", "(В редакции ...)") become ``note`` nodes, never part of the norm text.
"""

from __future__ import annotations

import time

from charterwatch.errors import CharterwatchError, E
from charterwatch.lang.detect import detect_language
from charterwatch.texts.finish import assign_eids, close_spans, restore_flattened_numbers
from charterwatch.texts.layout import continues, dash_titled, prose_share
from charterwatch.texts.lines import SourceLine, next_kinds, source_lines
from charterwatch.texts.numbering import LineMatch
from charterwatch.texts.numbering_inserted import article_number, restore_flattened
from charterwatch.texts.tree import ParsedText
from charterwatch.texts.tree_headings import TreeHeadings

PARSER_NAME = "texts.plain.v1"
MAX_CHARS = 20_000_000


def parse_text(
    text: str, *, lang: str | None = None, path: str = "<text>", timeout_s: float = 30.0
) -> ParsedText:
    """Parse a constitution's plain text. Raises ``CharterwatchError`` (and nothing else) on bad input."""
    if len(text) > MAX_CHARS:
        raise CharterwatchError(
            E.FILE_TOO_LARGE, path=path, size_mb=len(text) / 2**20, limit_mb=MAX_CHARS / 2**20
        )
    builder = _TreeBuilder(text, deadline=time.monotonic() + timeout_s, path=path, timeout_s=timeout_s)
    builder.build(source_lines(text))
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


class _TreeBuilder(TreeHeadings):
    """Walks the classified lines once, handing each to the provision that may hold it."""

    def build(self, lines: list[SourceLine]) -> None:
        article_nums = self._article_numbers(lines)
        self.document_prose = prose_share(
            [lines[i].match.rest or "" for i in article_nums if lines[i].match.rest is not None]
        )
        self.next_kinds = next_kinds(lines)
        self.dash_titles = dash_titled([self._with_next_line(lines, i) for i in article_nums])
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
            elif self._ends_dash_title(line) or self._fills_heading(line) or self._continues_heading(line):
                continue
            elif kind == "paragraph":
                self._numbered("paragraph", line)
            elif kind == "item":
                self._numbered("subparagraph", line)
            elif not self._subject_heading(line):
                self._text(line)

    @staticmethod
    def _article_numbers(lines: list[SourceLine]) -> dict[int, str]:
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

    def _with_next_line(self, lines: list[SourceLine], index: int) -> str:
        following = next(
            (lines[i] for i in range(index + 1, len(lines)) if lines[i].match.kind != "blank"), None
        )
        if following is None or following.match.kind in ("article", "section", "chapter"):
            return lines[index].match.rest or ""
        tail = self.source[following.start : following.end]
        return f"{lines[index].match.rest or ''} {tail}"
