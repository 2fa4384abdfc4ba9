"""The text layer of a PDF, with the printer's line wrapping undone where that is safe.

A PDF gives lines as typeset: paragraphs hard-wrapped, words hyphenated at line ends, page numbers between
pages. The parser reads one provision start per line, so wrapped lines must be joined back, but a wrong join is
worse than a missed one: joining "Article 5" or "2. The state..." onto the line before hides a provision.
So a line is joined to the one before only when it does not itself look like the start of a provision, and
either starts in lower case or follows a line that is "full" (near the page's usual line width, so the printer
broke it) and does not end a sentence.

The words come from poppler's ``pdftotext`` when it is installed (Debian's poppler-utils): it reads a 200-page
PDF in 0.3 s against pypdf's 8.5 s (docs/benchmarks.md), and issue 14 found that on official exports it keeps
hyperlinked words in their place where pypdf moves them to the end of the line. Without it, pypdf reads the pages. Running
headers and footers (a line repeated at the top or bottom of most pages, page numbers aside) are dropped.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Literal

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.readers_decode import normalise_text

Extractor = Literal["auto", "pdftotext", "pypdf"]
_RUNNING_ZONE = 2  # lines at the top and at the bottom of a page where running headers and footers sit

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
# A paragraph or item number alone on its line (a table cell of its own), the words following after blank lines.
_BARE_NUMBER = re.compile(
    r"(?m)^([ \t]*(?:\d{1,3}(?:[-.]\d{1,2})*\.|\d{1,3}(?:-\d{1,2})?\)|[а-яёa-z]\)))[ \t]*\n(?:[ \t]*\n)*"
)
_SENTENCE_END = re.compile(r"[.!?:;…»\")]$")
TIME_LIMIT_S = (
    60.0  # for the whole text layer, checked between pages (pypdf bounds each stream's size itself)
)


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def read_pdf(
    raw: bytes, *, path: str, extractor: Extractor = "auto", time_limit_s: float = TIME_LIMIT_S
) -> tuple[str, str | None]:
    """The PDF's text (page by page, running headers and footers dropped, wrapped lines joined) and its title.

    ``extractor`` "auto" takes pdftotext when installed, else pypdf; "pdftotext" without it installed is an
    error (``PDF_UNREADABLE``), never a silent change of extractor. Reading stops with ``PARSE_TIMEOUT`` after
    ``time_limit_s`` (between pages for pypdf, as the pdftotext run's own time-out otherwise).
    """
    from pypdf import PdfReader

    deadline = time.monotonic() + time_limit_s
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CharterwatchError(E.PDF_UNREADABLE, path=path, reason="the PDF is encrypted")
        use_poppler = extractor == "pdftotext" or (extractor == "auto" and pdftotext_available())
        pages: list[str] = []
        if use_poppler:
            pages = _pdftotext_pages(raw, path=path, time_limit_s=time_limit_s)
        else:
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
    for page in drop_running_lines([_BARE_NUMBER.sub(r"\1 ", normalise_text(page)) for page in pages]):
        lines.extend(_page_lines(page))
    text = "\n".join(join_wrapped_lines(lines))
    if not text.strip():
        raise CharterwatchError(E.PDF_NO_TEXT, path=path)
    return text, (str(title).strip() or None) if title else None


def _pdftotext_pages(raw: bytes, *, path: str, time_limit_s: float) -> list[str]:
    """Pages as poppler's pdftotext reads them (reading order, UTF-8), split at its form feeds."""
    binary = shutil.which("pdftotext")
    if binary is None:
        raise CharterwatchError(
            E.PDF_UNREADABLE, path=path, reason="pdftotext is not installed (apt-get install poppler-utils)"
        )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(raw)
        try:
            done = subprocess.run(  # a fixed binary and a file we wrote
                [binary, "-enc", "UTF-8", "-q", str(source), "-"],
                capture_output=True,
                timeout=time_limit_s,
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            raise CharterwatchError(E.PARSE_TIMEOUT, path=path, limit_s=time_limit_s) from e
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CharterwatchError(
            E.PDF_UNREADABLE, path=path, reason=(reason[0] if reason else f"pdftotext exit {done.returncode}")
        )
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    return pages


def _running_key(line: str) -> str:
    """A line as it repeats from page to page: digits (page numbers, dates of the export) made alike."""
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def drop_running_lines(pages: list[str]) -> list[str]:
    """Drop running headers and footers: a line found among the first or last two lines of at least half the
    pages (and of three pages at least), compared with its digits made alike ("Страница 3 из 80"), unless
    it looks like the start of a provision."""
    zones: list[set[str]] = []
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        edge = lines[:_RUNNING_ZONE] + lines[-_RUNNING_ZONE:]
        zones.append({_running_key(line) for line in edge})
    counts = Counter(key for zone in zones for key in zone)
    needed = max(3, (len(pages) + 1) // 2)
    # an article heading that happens to open most pages ("Статья #") is no running header
    running = {key for key, count in counts.items() if count >= needed and not _PROVISION_START.match(key)}
    if not running:
        return pages
    cleaned = []
    for page in pages:
        page_lines = page.split("\n")
        filled = [i for i, line in enumerate(page_lines) if line.strip()]
        edge_at = set(filled[:_RUNNING_ZONE] + filled[-_RUNNING_ZONE:])
        kept = (
            line
            for at, line in enumerate(page_lines)
            if at not in edge_at or _running_key(line) not in running
        )
        cleaned.append("\n".join(kept))
    return cleaned


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
