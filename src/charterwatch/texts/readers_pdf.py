"""The text layer of a PDF, with the printer's line wrapping undone where that is safe.

A PDF gives lines as typeset: paragraphs hard-wrapped, words hyphenated at line ends, page numbers between
pages. The parser reads one provision start per line, so wrapped lines must be joined back, but a wrong join is
worse than a missed one: joining "Article 5" or "2. The state..." onto the line before hides a provision.
So a line is only joined to the one before when it clearly continues it (it starts in lower case) and does not
itself look like the start of a provision.
"""

from __future__ import annotations

import io
import re

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.readers_decode import normalise_text

# A line that may open a provision: never glued onto the previous line.
_PROVISION_START = re.compile(
    r"^\s*(?:"
    r"(?:article|статья|section|раздел|chapter|глава|footnote|сноска|примечание)\b"
    r"|\d+(?:-\d+)*[.)]"  # 1. / 3-1. / 1)
    r"|\d+(?:-\d+)?-бап"
    r"|[IVXLCDM]+\s+бөлім"
    r"|[a-zа-яёәғқңөұүһі]\)"  # а) / b)
    r")",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|стр\.?|страница)\s*)?\d{1,4}(?:\s*(?:/|of|из)\s*\d{1,4})?\s*$", re.I
)
_HYPHENATED = re.compile(r"\w-$")


def read_pdf(raw: bytes, *, path: str) -> tuple[str, str | None]:
    """The PDF's text (page by page, wrapped lines joined) and its metadata title."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CharterwatchError(E.PDF_UNREADABLE, path=path, reason="the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except CharterwatchError:
        raise
    except Exception as e:  # pypdf raises many unrelated types on malformed files; all mean "broken PDF"
        raise CharterwatchError(E.PDF_UNREADABLE, path=path, reason=_describe(e)) from e
    lines: list[str] = []
    for page in pages:
        lines.extend(_page_lines(normalise_text(page)))
    text = "\n".join(join_wrapped_lines(lines))
    if not text.strip():
        raise CharterwatchError(E.PDF_NO_TEXT, path=path)
    return text, (str(title).strip() or None) if title else None


def _describe(error: Exception) -> str:
    message = str(error).strip() or type(error).__name__
    return message.splitlines()[0][:200]


def _page_lines(page: str) -> list[str]:
    """A page's lines without the page number printed at its top or bottom."""
    lines = [line.rstrip() for line in page.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return lines


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Join hard-wrapped and hyphenated lines back into paragraphs, conservatively (see the module doc)."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if out and out[-1].strip() and _continues(out[-1], stripped):
            previous = out[-1].rstrip()
            if _HYPHENATED.search(previous):
                out[-1] = previous[:-1] + stripped
            else:
                out[-1] = previous + " " + stripped
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    return bool(line) and line[0].islower() and not _PROVISION_START.match(line)
