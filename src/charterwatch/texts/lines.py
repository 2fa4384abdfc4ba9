"""The lines of a source text, each classified once: where its words start and end, and what it is.

Rules drawn around a heading in plain-text or wiki-like markup ("---Article 2---", "======Titre II======") are
not part of its words, and a line of nothing else is a blank. When a document prints no article keyword at all,
its own numbering decides which lines are articles (``layout.promote_articles``). Footnotes, running headers and
amendment markers of PDF editions are set apart first (``furniture``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charterwatch.texts.furniture import footnote_kinds, marker_length, page_lines
from charterwatch.texts.layout import promote_articles
from charterwatch.texts.numbering import LineMatch, classify

# Rules drawn around a heading in wiki-like or plain-text markup; a line of them alone is a rule, not text.
_RULE_CHARS = "-=*#_~"
_RULE_BEFORE = re.compile(r"^[-=*#_~]{3,}\s*")


@dataclass
class SourceLine:
    """One line of the source: offsets of its first and last word, and its classification."""

    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    match: LineMatch


def source_lines(text: str) -> list[SourceLine]:
    """Every line of ``text`` (blank ones too, so that indices follow the source), classified."""
    lines: list[SourceLine] = []
    raws = text.split("\n")
    stripped_lines = [raw.strip() for raw in raws]
    furniture = footnote_kinds(stripped_lines)
    pages, glued = page_lines(stripped_lines)
    furniture.update(dict.fromkeys(pages, "note"))  # kept, as a note: the words on either side stay apart
    offset = 0
    for index, raw in enumerate(raws):
        stripped = raw.strip()
        before = _RULE_BEFORE.match(stripped)
        skip = before.end() if before else marker_length(stripped)
        inner = _without_rule_after(stripped[skip : len(stripped) - glued.get(index, 0)])
        start = offset + len(raw) - len(raw.lstrip()) + skip
        kind = furniture.get(index)
        match = LineMatch("note", rest=inner) if kind == "note" else classify("" if kind else inner)
        lines.append(SourceLine(start, start + len(inner), match))
        offset += len(raw) + 1
    promote_articles(lines)
    return lines


def _without_rule_after(words: str) -> str:
    """``words`` less a rule of three or more rule characters at its end ("Article 2---" -> "Article 2")."""
    body = words.rstrip(_RULE_CHARS)
    return body.rstrip() if len(words) - len(body) >= 3 else words


def next_kinds(lines: list[SourceLine]) -> list[str]:
    """The kind of the next non-blank line, for each line."""
    kinds = [""] * len(lines)
    following = ""
    for index in range(len(lines) - 1, -1, -1):
        kinds[index] = following
        if lines[index].match.kind != "blank":
            following = lines[index].match.kind
    return kinds
