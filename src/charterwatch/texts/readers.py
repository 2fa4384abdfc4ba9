"""Reading a constitution file of any supported format into plain text the parser can read.

Every format ends as the same line-based text (headings and numbered paragraphs on their own lines), so one
parser serves them all and spans always point into text a person can open and read. Files come from users
and from the web, so each way a file can be wrong gets one clear coded error, checked cheapest first: a
200 MB upload is refused from its size alone, without reading it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.readers_decode import decode_text

SourceFormat = Literal["txt", "html", "pdf", "docx", "akn", "md", "json"]

FORMATS_BY_SUFFIX: dict[str, SourceFormat] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xml": "akn",
    ".akn": "akn",
    ".md": "md",
    ".json": "json",
}
DEFAULT_MAX_BYTES = 50 * 2**20


@dataclass(frozen=True)
class SourceText:
    """A file's text as the parser (or, for "akn" and "json", the matching importer) should read it.

    ``checksum`` is the SHA-256 of the raw bytes, so a re-import of the same file is recognised whatever
    the extraction did with it.
    """

    text: str
    source_format: SourceFormat
    checksum: str
    title: str | None = None


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read ``path`` into a :class:`SourceText`, or raise :class:`CharterwatchError` saying what is wrong.

    Checks, in order: the file exists, is at most ``max_bytes``, is not empty, has a known extension; then
    the format's own checks (encoding, binary content, a PDF's text layer, a DOCX's zip and its limits in
    ``texts/archives.py``...).
    """
    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise CharterwatchError(E.FILE_NOT_FOUND, path=shown) from e
    if not path.is_file():
        raise CharterwatchError(E.FILE_NOT_FOUND, path=shown)
    if size > max_bytes:
        raise CharterwatchError(
            E.FILE_TOO_LARGE, path=shown, size_mb=size / 2**20, limit_mb=max_bytes / 2**20
        )
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CharterwatchError(E.FILE_UNREADABLE, path=shown, reason=e.strerror or type(e).__name__) from e
    if not raw.strip():
        raise CharterwatchError(E.FILE_EMPTY, path=shown)
    source_format = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if source_format is None:
        raise CharterwatchError(E.FILE_EXTENSION, path=shown, suffix=path.suffix)
    text, title = _extract(raw, source_format, path=shown)
    if not text.strip():
        raise CharterwatchError(E.FILE_EMPTY, path=shown)
    checksum = hashlib.sha256(raw).hexdigest()
    return SourceText(text=text, source_format=source_format, checksum=checksum, title=title)


def _extract(raw: bytes, source_format: SourceFormat, *, path: str) -> tuple[str, str | None]:
    """The text and title of ``raw``; what a third-party parser logs or warns becomes one coded line."""
    from charterwatch.texts.parser_warnings import collected_warnings

    if source_format == "pdf":
        from charterwatch.texts.readers_pdf import read_pdf

        with collected_warnings("pypdf", path=path):
            return read_pdf(raw, path=path)
    if source_format == "docx":
        from charterwatch.texts.readers_docx import read_docx

        with collected_warnings("python-docx", path=path):
            return read_docx(raw, path=path)
    text = decode_text(raw, path=path)
    if source_format == "html":
        from charterwatch.texts.readers_html import read_html

        with collected_warnings("trafilatura", path=path):
            return read_html(text, path=path)
    if source_format == "md":
        return strip_markdown(text), _markdown_title(text)
    if source_format == "json":
        return text, _json_title(text, path=path)
    return text, None


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_MD_STRONG = re.compile(
    r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"
)
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"
)
_MD_ESCAPE = re.compile(r"\\([\\*_#>])")
# Escaped characters are parked on Unicode noncharacters while the markup is stripped, so "\*" is never markup.
_PARKED = {char: chr(0xFDD0 + i) for i, char in enumerate("\\*_#>")}
_UNPARK = str.maketrans({v: k for k, v in _PARKED.items()})


def strip_markdown(text: str) -> str:
    """Plain lines from Markdown: heading markers, blockquote markers and emphasis go, escapes are undone.

    Only what our own Markdown export writes (and what a person typing a constitution in Markdown would use)
    is understood; anything else passes through as text.
    """
    lines = []
    for line in text.split("\n"):
        line = _MD_ESCAPE.sub(lambda m: _PARKED[m.group(1)], line)
        while _MD_QUOTE.match(line):
            line = _MD_QUOTE.sub("", line, count=1)
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_STRONG.sub(lambda m: m.group(1) or m.group(2), line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), line)
        lines.append(line.translate(_UNPARK))
    return "\n".join(lines)


def _markdown_title(text: str) -> str | None:
    for line in text.split("\n"):
        if line.startswith("# "):
            return _MD_ESCAPE.sub(r"\1", line[2:].strip()) or None
    return None


def _json_title(text: str, *, path: str) -> str | None:
    """The title of our JSON export; anything that is not one is refused here rather than half-imported."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise CharterwatchError(E.JSON_INVALID, path=path, reason=f"{e.msg} at line {e.lineno}") from e
    if not isinstance(data, dict) or "provisions" not in data:
        raise CharterwatchError(E.JSON_INVALID, path=path, reason="no 'provisions' list at the top level")
    title = data.get("title")
    return title if isinstance(title, str) else None
