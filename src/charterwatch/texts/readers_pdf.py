"""The text layer of a PDF, with the printer's line wrapping undone where that is safe.

A PDF gives lines as typeset: paragraphs hard-wrapped, words hyphenated at line ends, page numbers between
pages. The parser reads one provision start per line, so wrapped lines must be joined back, but a wrong join is
worse than a missed one: joining "Article 5" or "2. The state..." onto the line before hides a provision.
So a line is joined to the one before only when it does not itself look like the start of a provision, and
either starts in lower case or follows a line that is "full" (near the page's usual line width, so the printer
broke it) and does not end a sentence.
"""

from __future__ import annotations

import io
import re
import time

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.readers_decode import normalise_text

# A line that may open a provision: never glued onto the previous line.
_PROVISION_START = re.compile(
    r"^\s*(?:"
    r"(?:article|статья|section|раздел|chapter|глава|footnote|сноска|примечание)\b"
    r"|\d+(?:-\d+)*[.)](?!\d)"  # 1. / 3-1. / 1) but not a date such as 21.05.2007
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
_SENTENCE_END = re.compile(r"[.!?:;…»\")]$")
TIME_LIMIT_S = (
    60.0  # for the whole text layer, checked between pages (pypdf bounds each stream's size itself)
)


def read_pdf(raw: bytes, *, path: str, time_limit_s: float = TIME_LIMIT_S) -> tuple[str, str | None]:
    """The PDF's text (page by page, wrapped lines joined) and its metadata title."""
    from pypdf import PdfReader

    deadline = time.monotonic() + time_limit_s
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CharterwatchError(E.PDF_UNREADABLE, path=path, reason="the PDF is encrypted")
        pages: list[str] = []
        for pdf_page in reader.pages:
            if time.monotonic() > deadline:
                raise CharterwatchError(E.PARSE_TIMEOUT, path=path, limit_s=time_limit_s)
            pages.append(pdf_page.extract_text() or "")
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except CharterwatchError:
        raise
    except Exception as e:  # pypdf raises many unrelated types on malformed files; all mean "broken PDF"
        raise CharterwatchError(E.PDF_UNREADABLE, path=path, reason=_describe(e)) from e
    lines: list[tuple[str, bool]] = []
    for page in pages:
        lines.extend(_page_lines(normalise_text(page)))
    text = "\n".join(join_wrapped_lines(lines))
    if not text.strip():
        raise CharterwatchError(E.PDF_NO_TEXT, path=path)
    return text, (str(title).strip() or None) if title else None


def _describe(error: Exception) -> str:
    message = str(error).strip() or type(error).__name__
    return message.splitlines()[0][:200]


def _page_lines(page: str) -> list[tuple[str, bool]]:
    """A page's lines without the page number printed at its top or bottom, each with whether it is full
    (at least 80% of the page's usual long-line length, the 90th percentile)."""
    lines = [line.rstrip() for line in page.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    if lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return []
    usual = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    return [(line, len(line.strip()) >= 0.8 * usual and usual >= 30) for line in lines]


def join_wrapped_lines(lines: list[tuple[str, bool]]) -> list[str]:
    """Join hard-wrapped and hyphenated lines back into paragraphs, conservatively (see the module doc).

    ``lines`` pairs each line with whether it was full width on its page.
    """
    out: list[str] = []
    previous_full = False
    for line, full in lines:
        stripped = line.strip()
        if out and out[-1].strip() and _continues(out[-1].rstrip(), stripped, previous_full=previous_full):
            previous = out[-1].rstrip()
            if _HYPHENATED.search(previous) and stripped[:1].islower():
                out[-1] = previous[:-1] + stripped
            else:
                out[-1] = previous + " " + stripped
        else:
            out.append(line)
        previous_full = full
    return out


def _continues(previous: str, line: str, *, previous_full: bool) -> bool:
    if not line or _PROVISION_START.match(line):
        return False
    return line[0].islower() or (previous_full and not _SENTENCE_END.search(previous))
