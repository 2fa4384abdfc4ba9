"""The text of a DOCX file: one line per paragraph and per table-cell paragraph, in document order.

Drafts and amendment proposals circulate as Word files; some lay articles out in tables (number in one cell,
text in the next), so table cells are read in place rather than skipped or appended at the end. The zip is
checked against ``texts/archives.py``'s limits and repacked there before python-docx opens the copy, and
reading stops at a time limit.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from typing import Any

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.archives import DEFAULT_LIMITS, ArchiveLimits, repack
from charterwatch.texts.readers_decode import normalise_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER_CELL = re.compile(r"^\s*(?:\d{1,3}(?:-\d{1,2})?[.)]|[а-яёa-z]\))\s*$")


def read_docx(raw: bytes, *, path: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> tuple[str, str | None]:
    """The document's text and its core-properties title, once the zip passed ``limits``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    deadline = _Deadline(path, limits.time_limit_s)
    unpacked = repack(raw, path=path, limits=limits)
    try:
        document = docx.Document(io.BytesIO(unpacked))
        deadline.check()
        lines = list(_block_lines(document.element.body, document, deadline))
        title = document.core_properties.title or None
    except CharterwatchError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError) as e:
        raise CharterwatchError(E.DOCX_UNREADABLE, path=path, reason=_describe(e)) from e
    except Exception as e:  # python-docx has no error contract for a damaged part inside a valid zip
        raise CharterwatchError(E.DOCX_UNREADABLE, path=path, reason=_describe(e)) from e
    text = normalise_text("\n".join(lines))
    if not text.strip():
        raise CharterwatchError(E.FILE_EMPTY, path=path)
    return text, title


class _Deadline:
    """``PARSE_TIMEOUT`` once ``limit_s`` has passed since reading began; checked between paragraphs."""

    def __init__(self, path: str, limit_s: float) -> None:
        self.path, self.limit_s = path, limit_s
        self.at = time.monotonic() + limit_s

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise CharterwatchError(E.PARSE_TIMEOUT, path=self.path, limit_s=self.limit_s)


def _describe(error: Exception) -> str:
    message = str(error).strip() or type(error).__name__
    return message.splitlines()[0][:200]


def _row_lines(row: Any, parent: Any, deadline: _Deadline) -> list[str]:
    """A table row's cells, each on its own line, except that a cell holding only a paragraph number ("1.",
    "3-1.", "а)") starts the line of the cell after it: "1." alone on a line would not be a paragraph.

    Walks <w:tc> elements rather than python-docx cells: a merged cell is one <w:tc> but several cells.
    """
    lines: list[str] = []
    label: str | None = None
    for cell in row.iterchildren(f"{_W}tc"):
        cell_lines = [line for line in _block_lines(cell, parent, deadline) if line.strip()]
        if label is not None and cell_lines:
            cell_lines[0] = f"{label} {cell_lines[0].strip()}"
            label = None
        if len(cell_lines) == 1 and _NUMBER_CELL.match(cell_lines[0]):
            label = cell_lines[0].strip()
            continue
        lines.extend(cell_lines)
    if label is not None:
        lines.append(label)
    return lines


def _block_lines(container: Any, parent: Any, deadline: _Deadline) -> Iterator[str]:
    """Paragraph texts of a body or cell, descending into tables where they stand."""
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        deadline.check()
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent).text
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                yield from _row_lines(row, parent, deadline)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(content, parent, deadline)
