"""What a PDF edition prints around the law that is not the law: footnotes below a rule, running headers, and the
amendment markers that open an inserted or substituted passage ("1[(2) The States ...]").

Page numbers alone on a line are handled by ``numbering.classify``; what needs the lines around it is decided
here. A rule of underscores starts a page's footnotes ("1. Subs. by the Constitution (Seventh Amendment) Act
..."), which run to the running header in capitals that opens the next page ("THE CONSTITUTION OF INDIA") and the
page line under it ("(Part I.—Union and its territory)3"), or to the end of the text. A page line marks the
running header above it even where the PDF glued that header to the end of the last line of the page before.
"""

from __future__ import annotations

import re

_RULE = re.compile(r"^_{20,}$")
# "1[", "12[" before the words an amendment inserted or substituted; the closing "]" stays with the words.
_MARKER = re.compile(r"^\d{1,2}\[(?=\S)")
# The page line under a running header: where on the page the law is, then the page number
# ("(Part II.—Citizenship)5"); words, not a clause number such as "(2)".
_PAGE_LINE = re.compile(r"^\((?=[^()\n]*[^\W\d_]{3})[^()\n]{5,80}\)\s*\d{1,4}$")
# A running header in capitals glued to the end of the line above a page line ("... of India:THE CONSTITUTION
# OF INDIA"): at least two words of capitals.
_GLUED_HEADER = re.compile(r"(?<=[^\sA-Z])\s*[A-Z]{2,}(?: +[A-Z]{2,}){1,8}$")
_HEADER_MAX = 80  # characters: a running header is short


def marker_length(words: str) -> int:
    """How many characters of ``words`` are a leading amendment marker ("3[2A. ..." -> 2)."""
    match = _MARKER.match(words)
    return match.end() if match else 0


def is_rule(words: str) -> bool:
    """A rule of underscores across the page: the footnotes of the page follow."""
    return _RULE.match(words) is not None


def footnote_kinds(lines: list[str]) -> dict[int, str]:
    """For stripped lines: which are footnotes ("note") and which running headers or page lines ("blank")."""
    kinds: dict[int, str] = {}
    in_notes = False
    for index, words in enumerate(lines):
        if is_rule(words):
            in_notes = True
            continue
        if not in_notes or not words:
            continue
        if words.isupper() and len(words) <= _HEADER_MAX:
            kinds[index] = "blank"  # the running header of the next page closes the footnotes
            following = next((i for i in range(index + 1, len(lines)) if lines[i]), None)
            if following is not None and _PAGE_LINE.match(lines[following]):
                kinds[following] = "blank"
            in_notes = False
            continue
        kinds[index] = "note"
    return kinds


def page_lines(lines: list[str]) -> tuple[set[int], dict[int, int]]:
    """Page lines anywhere in the text ("(Part II.—Citizenship)5"), and for the line above each, how many
    characters at its end are the running header glued to it."""
    pages: set[int] = set()
    glued: dict[int, int] = {}
    for index, words in enumerate(lines):
        if not _PAGE_LINE.match(words):
            continue
        pages.add(index)
        above = next((i for i in range(index - 1, -1, -1) if lines[i]), None)
        header = _GLUED_HEADER.search(lines[above]) if above is not None else None
        if above is not None and header is not None:
            glued[above] = len(lines[above]) - header.start()
    return pages, glued
