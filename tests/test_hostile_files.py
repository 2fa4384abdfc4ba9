"""Hostile files: zip bombs and crafted archives refused before unpacking, parser noise kept to one coded line.

The archives are written byte by byte (tests/zip_crafting.py), so a 1 GB bomb costs a third of a second to make
and a directory may lie about its sizes.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterwatch.errors import CharterwatchError, E
from charterwatch.texts.archives import ArchiveLimits, check_zip
from charterwatch.texts.readers import read_source
from charterwatch.texts.readers_docx import read_docx
from zip_crafting import (
    PARAGRAPH,
    STORED,
    Entry,
    archive,
    bomb,
    deflated,
    document_xml,
    docx_bomb,
    docx_parts,
)

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
ROOT = Path(__file__).resolve().parents[1]
CLI = (sys.executable, "-c", "from charterwatch.cli.app import main; main()")


def _refusal(path: Path) -> CharterwatchError:
    with pytest.raises(CharterwatchError) as caught:
        read_source(path)
    return caught.value


def test_a_one_megabyte_docx_bomb_is_refused_at_once_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bomb(unpacked_mb=1024))  # 1 GB of one paragraph
    assert path.stat().st_size < 1.1 * 2**20
    tracemalloc.start()
    try:
        began = time.perf_counter()
        error = _refusal(path)
        took = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code is E.ARCHIVE_TOO_LARGE and "1024 MB" in error.message
    assert took < 1.0 and peak < 100 * 2**20, (took, peak)


def test_the_command_line_refuses_a_bomb_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bomb(unpacked_mb=1024))
    argv = [*CLI, "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    done = subprocess.run(
        [*argv, "import", str(path), "-j", "KZ", "-v", "bomb", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "ARCHIVE_TOO_LARGE" in done.stderr


def test_an_entry_packed_too_well_is_refused_under_the_size_limit(tmp_path: Path) -> None:
    body = bomb("word/document.xml", chunk=b" " * 2**20, copies=20, prefix=b"<", suffix=b">")
    path = tmp_path / "dense.docx"
    path.write_bytes(archive(docx_parts(body)))
    error = _refusal(path)
    assert error.code is E.ARCHIVE_RATIO and "word/document.xml" in error.message


def test_too_many_entries_are_refused(tmp_path: Path) -> None:
    crowd = [deflated(f"word/media/{n}.xml", b"<x/>") for n in range(2_500)]
    path = tmp_path / "crowd.docx"
    path.write_bytes(archive([*docx_parts(deflated("word/document.xml", document_xml(PARAGRAPH))), *crowd]))
    error = _refusal(path)
    assert error.code is E.ARCHIVE_TOO_MANY_ENTRIES and "2503" in error.message


def test_a_directory_that_understates_an_entry_never_unpacks_past_it(tmp_path: Path) -> None:
    """The directory says 1 KB; the data inflates to 1 GB. Only 1 KB is ever inflated: with a wrong CRC the file
    is refused, with the CRC of that first KB the parser gets that KB (not a document)."""
    honest = bomb("word/document.xml", chunk=b" " * 2**20, copies=1024, with_crc=False)
    for crc in (0, zlib.crc32(b" " * 1024)):
        path = tmp_path / f"liar-{crc}.docx"
        path.write_bytes(archive(docx_parts(Entry(honest.name, honest.data, crc=crc, file_size=1024))))
        tracemalloc.start()
        try:
            began = time.perf_counter()
            error = _refusal(path)
            took, peak = time.perf_counter() - began, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert error.code is E.DOCX_UNREADABLE and took < 1.0 and peak < 20 * 2**20, (error, took, peak)


def test_an_ordinary_docx_passes_the_limits() -> None:
    raw = (FIXTURES / "kz-1995-ru-excerpt.docx").read_bytes()
    check_zip(raw, path="kz.docx")
    assert "Статья" in read_docx(raw, path="kz.docx")[0]


def test_reading_stops_at_the_time_limit() -> None:
    raw = (FIXTURES / "kz-1995-ru-excerpt.docx").read_bytes()
    with pytest.raises(CharterwatchError) as caught:
        read_docx(raw, path="slow.docx", limits=ArchiveLimits(time_limit_s=0.0))
    assert caught.value.code is E.PARSE_TIMEOUT and "slow.docx" in caught.value.message


# The property test: crafted archives of every shape, read under small limits.
LIMITS = ArchiveLimits(
    max_unpacked_bytes=200_000, max_entries=12, max_ratio=50.0, ratio_floor_bytes=20_000, time_limit_s=5.0
)
LIMIT_CODES = {E.ARCHIVE_TOO_LARGE, E.ARCHIVE_TOO_MANY_ENTRIES, E.ARCHIVE_RATIO}


@st.composite
def crafted_entries(draw: st.DrawFn) -> Entry:
    name = draw(st.sampled_from(["word/document.xml", "word/extra.xml", "docProps/core.xml", "a/b.bin", ""]))
    kind = draw(st.sampled_from(["text", "bomb", "liar", "stored", "nested", "garbage"]))
    if kind == "text":
        return deflated(name, document_xml(PARAGRAPH * draw(st.integers(0, 300))))
    if kind == "bomb":
        chunk = draw(st.sampled_from([b" ", b"ab", PARAGRAPH])) * draw(st.integers(1, 5_000))
        return bomb(name, chunk=chunk, copies=draw(st.integers(1, 400)))
    if kind == "liar":
        honest = bomb(name, chunk=b"x" * 4_096, copies=draw(st.integers(1, 200)))
        return Entry(name, honest.data, honest.crc, draw(st.integers(0, 10_000_000)))
    if kind == "stored":
        content = draw(st.binary(max_size=2_000))
        return Entry(name, content, draw(st.integers(0, 2**32 - 1)), len(content), method=STORED)
    if kind == "nested":
        inner = archive([bomb("inner.xml", chunk=b" " * 10_000, copies=draw(st.integers(1, 100)))])
        return deflated(name or "nested.zip", inner)
    return Entry(name, draw(st.binary(max_size=500)), 0, draw(st.integers(0, 2**32 - 1)))


@st.composite
def crafted_archives(draw: st.DrawFn) -> bytes:
    entries = draw(st.lists(crafted_entries(), max_size=16))
    if draw(st.booleans()):
        entries = [*docx_parts(deflated("word/document.xml", document_xml(PARAGRAPH))), *entries]
    raw = archive(entries)
    damage = draw(st.sampled_from(["none", "truncate", "flip"]))
    if damage == "truncate" and raw:
        raw = raw[: draw(st.integers(0, len(raw) - 1))]
    elif damage == "flip" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
    return raw


def _listed(raw: bytes) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(__import__("io").BytesIO(raw)) as found:
            return found.infolist()
    except Exception:
        return None


@given(raw=crafted_archives())
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
def test_crafted_archives_end_in_text_or_a_catalogue_error_within_the_limits(raw: bytes) -> None:
    began = time.perf_counter()
    try:
        text, _ = read_docx(raw, path="crafted.docx", limits=LIMITS)
    except CharterwatchError as error:
        assert isinstance(error.code, E) and "\n" not in error.message
        text = None
    assert time.perf_counter() - began < LIMITS.time_limit_s
    entries = _listed(raw)
    over = entries is not None and (
        len(entries) > LIMITS.max_entries
        or sum(e.file_size for e in entries) > LIMITS.max_unpacked_bytes
        or any(
            e.file_size >= LIMITS.ratio_floor_bytes
            and e.file_size / max(e.compress_size, 1) > LIMITS.max_ratio
            for e in entries
        )
    )
    if over:
        assert text is None  # never read past a limit
    if text is not None:
        assert len(text) <= LIMITS.max_unpacked_bytes


# Parser noise: pypdf's warnings on a damaged but readable PDF become one coded line.


@pytest.fixture
def parser_lines() -> Iterator[list[str]]:
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    keep = Keep()
    logger = logging.getLogger("charterwatch.parsers")
    logger.addHandler(keep)
    try:
        yield lines
    finally:
        logger.removeHandler(keep)


def _bad_xref(tmp_path: Path) -> Path:
    data = (FIXTURES / "kz-1995-ru-excerpt.pdf").read_bytes()
    cut = data.rindex(b"startxref")
    path = tmp_path / "bad-xref.pdf"
    path.write_bytes(data[:cut] + b"startxref\n99999\n%%EOF\n")
    return path


def test_pypdf_warnings_become_one_coded_line(
    tmp_path: Path, parser_lines: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    source = read_source(_bad_xref(tmp_path))
    assert "Статья" in source.text
    assert len(parser_lines) == 1 and parser_lines[0].startswith("PARSER_WARNINGS: pypdf reported")
    assert "startxref" in parser_lines[0]
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]  # none reached the root logger
    assert not logging.getLogger("pypdf").handlers and logging.getLogger("pypdf").propagate


def test_the_command_line_prints_parser_warnings_as_one_line(tmp_path: Path) -> None:
    argv = [*CLI, "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    read = subprocess.run(
        [*argv, "import", str(_bad_xref(tmp_path)), "-j", "KZ", "-v", "x", "--lang", "ru", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert read.returncode == 0, read.stderr
    assert read.stderr.strip().splitlines() == [read.stderr.strip()] and "PARSER_WARNINGS" in read.stderr
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(_bad_xref(tmp_path).read_bytes()[:2_000])
    failed = subprocess.run(
        [*argv, "import", str(broken), "-j", "KZ", "-v", "y", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert failed.returncode == 2 and len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert "PDF_" in failed.stderr
