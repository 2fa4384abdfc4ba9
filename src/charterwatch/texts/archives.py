"""Limits on a zip-based file (.docx), checked on its central directory before any part of it is unpacked.

A .docx is a zip; a hostile one of 1.1 MB unpacked to gigabytes in python-docx and ran for minutes. The central
directory lists every entry with its compressed and uncompressed sizes, so reading it (a few KB, no
decompression) is enough to refuse a file that would unpack to too much, holds too many entries, or compresses
one entry too well to be a document (``check_zip``).

A directory may lie, though: ``zipfile`` stops an entry at its listed size, but only after inflating all the
compressed bytes it was asked to read at once, which is what python-docx asks for. So ``repack`` then inflates
each entry in small reads (never more than the listed size, within the time limit) into a new, uncompressed
zip, and only that copy reaches the parser.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from typing import Final

from charterwatch.errors import CharterwatchError, E

MB: Final = 2**20
READ_BYTES: Final = 64 * 1024  # one read of an entry: zipfile inflates at most this much per read


@dataclass(frozen=True)
class ArchiveLimits:
    """What one archive may unpack to. Real constitutions and drafts as .docx are under 5 MB unpacked, with a
    few dozen entries and XML compressing 5 to 30 times; a deflate bomb compresses about 1,000 times."""

    max_unpacked_bytes: int = 50 * MB  # all entries together, as the central directory lists them
    max_entries: int = 2_000
    max_ratio: float = 200.0  # uncompressed / compressed size of one entry
    ratio_floor_bytes: int = 1 * MB  # smaller entries may compress as well as they like: they cannot bomb
    time_limit_s: float = 30.0  # for reading the document out of the archive (readers_docx.py)


DEFAULT_LIMITS: Final = ArchiveLimits()


def check_zip(raw: bytes, *, path: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """Refuse ``raw`` with one coded error unless its central directory is within ``limits``.

    Only the directory is read. A file that is not a zip at all, or whose directory is damaged, is
    ``DOCX_UNREADABLE``; the limits are ``ARCHIVE_TOO_MANY_ENTRIES``, ``ARCHIVE_TOO_LARGE`` and
    ``ARCHIVE_RATIO``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except Exception as e:  # BadZipFile, and struct/value/overflow errors from a mangled directory
        raise CharterwatchError(E.DOCX_UNREADABLE, path=path, reason=_describe(e)) from e
    if len(entries) > limits.max_entries:
        raise CharterwatchError(
            E.ARCHIVE_TOO_MANY_ENTRIES, path=path, count=len(entries), limit=limits.max_entries
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise CharterwatchError(
            E.ARCHIVE_TOO_LARGE, path=path, size_mb=unpacked / MB, limit_mb=limits.max_unpacked_bytes / MB
        )
    for entry in entries:
        if entry.file_size < limits.ratio_floor_bytes:
            continue
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > limits.max_ratio:
            raise CharterwatchError(
                E.ARCHIVE_RATIO, path=path, entry=entry.filename[:80], ratio=ratio, limit=limits.max_ratio
            )


def repack(raw: bytes, *, path: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> bytes:
    """``raw`` checked by ``check_zip``, then unpacked entry by entry into an uncompressed zip of the same
    entries; a damaged entry (a wrong CRC, a stream that ends early) is ``DOCX_UNREADABLE``, and unpacking
    past ``limits.time_limit_s`` is ``PARSE_TIMEOUT``."""
    check_zip(raw, path=path, limits=limits)
    deadline = time.monotonic() + limits.time_limit_s
    copy = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, zipfile.ZipFile(copy, "w") as out:
            seen: set[str] = set()
            for entry in archive.infolist():
                if not entry.filename or entry.filename.endswith("/") or entry.filename in seen:
                    continue  # a folder, or a second entry of one name (the first is the one kept)
                seen.add(entry.filename)
                with archive.open(entry) as member, out.open(entry.filename, "w") as target:
                    while chunk := member.read(READ_BYTES):
                        if time.monotonic() > deadline:
                            raise CharterwatchError(E.PARSE_TIMEOUT, path=path, limit_s=limits.time_limit_s)
                        target.write(chunk)
    except CharterwatchError:
        raise
    except Exception as e:  # BadZipFile (CRC), zlib.error, EOFError, NotImplementedError (a method), ...
        raise CharterwatchError(E.DOCX_UNREADABLE, path=path, reason=_describe(e)) from e
    return copy.getvalue()


def _describe(error: Exception) -> str:
    message = str(error).strip() or type(error).__name__
    return message.splitlines()[0][:200]
