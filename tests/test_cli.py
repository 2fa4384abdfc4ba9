"""The command line end to end: import, corpus, show, search, export, bad input, docs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charterwatch.cli.app import run
from charterwatch.cli.docs import render
from charterwatch.store.db import open_store, session_scope
from charterwatch.store.models import Provision as ProvisionRow
from charterwatch.store.models import Version
from charterwatch.texts.corpus import corpus_entry

DOCS = Path(__file__).resolve().parents[1] / "docs"
KZ2026 = corpus_entry("kz-2026-ru.txt").path()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def import_2026(capsys: pytest.CaptureFixture[str], db: str) -> None:
    args = ("--db", db, "import", str(KZ2026), "--jurisdiction", "KZ", "--version", "2026")
    status, out, err = cli(capsys, *args, "--date", "2026-03-15", "--lang", "ru", "--status", "in_force")
    assert status == 0, err
    assert "imported KZ@2026 from txt: 96 articles" in out


def count_rows(db: str) -> tuple[int, int]:
    engine = open_store(db)
    try:
        with session_scope(engine) as session:
            versions = session.scalar(select(func.count()).select_from(Version)) or 0
            provisions = session.scalar(select(func.count()).select_from(ProvisionRow)) or 0
    finally:
        engine.dispose()
    return versions, provisions


def test_import_show_search(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    import_2026(capsys, db_url)
    status, out, _ = cli(capsys, "--db", db_url, "show", "KZ@2026", "7")
    assert status == 0
    assert out.splitlines()[0] == "Статья 7."
    assert "1. Религия отделена от государства." in out
    status, out, _ = cli(capsys, "--db", db_url, "search", "общественного порядка")
    assert status == 0
    assert "KZ@2026 art. " in out
    assert out.strip().splitlines()[-1].endswith("hits")
    status, out, _ = cli(capsys, "--db", db_url, "versions")
    assert status == 0 and "KZ@2026" in out


def test_reimport_of_the_same_file_changes_nothing(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    import_2026(capsys, sqlite_url)
    before = count_rows(sqlite_url)
    import_2026(capsys, sqlite_url)
    assert count_rows(sqlite_url) == before


def test_json_prints_the_tree_and_stores_nothing(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    status, out, _ = cli(capsys, "--db", sqlite_url, "import", str(KZ2026), "--json")
    assert status == 0
    tree = json.loads(out)
    articles = [p for section in tree["provisions"] for p in section["children"] if p["kind"] == "article"]
    assert len(articles) == 96
    assert count_rows(sqlite_url) == (0, 0)


def test_show_errors_are_one_line(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    import_2026(capsys, sqlite_url)
    status, _, err = cli(capsys, "--db", sqlite_url, "show", "KZ@2026", "999")
    assert status == 3
    assert err.strip() == "error ARTICLE_NOT_FOUND: no article 999 in KZ@2026"
    status, _, err = cli(capsys, "--db", sqlite_url, "show", "KZ@1812", "1")
    assert status == 3 and "VERSION_NOT_FOUND" in err


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "truncated": tmp_path / "truncated.txt",
        "headingless": tmp_path / "letter.txt",
        "extension": tmp_path / "constitution.rtf",
        "huge": tmp_path / "huge.txt",
        "no_text_pdf": tmp_path / "scan.pdf",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["truncated"].write_bytes(KZ2026.read_bytes()[:5001] + "Статья".encode()[:3])
    files["headingless"].write_text("Dear editor,\n\nthe new draft worries me.\n", encoding="utf-8")
    files["extension"].write_text("{\\rtf1 Article 1}", encoding="utf-8")
    with files["huge"].open("wb") as handle:
        handle.truncate(200 * 2**20)
    files["no_text_pdf"].write_bytes(_pdf_without_text())
    return files


def _pdf_without_text() -> bytes:
    """A valid one-page PDF with nothing but a rectangle on it: no text layer, as a scan would have."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    stream = ContentStream(None, writer)
    stream.set_data(b"0 0 1 rg 10 10 100 100 re f")
    page[NameObject("/Contents")] = writer._add_object(stream)
    import io

    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("empty", "FILE_EMPTY"),
        ("binary", "FILE_BINARY"),
        ("truncated", "FILE_UNDECODABLE"),
        ("headingless", "NO_ARTICLES"),
        ("extension", "FILE_EXTENSION"),
        ("huge", "FILE_TOO_LARGE"),
        ("no_text_pdf", "PDF_NO_TEXT"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str, case: str, code: str
) -> None:
    path = _bad_inputs(tmp_path)[case]
    args = ("--db", sqlite_url, "import", str(path), "-j", "KZ", "-v", "2026", "--date", "2026-03-15")
    status, _, err = cli(capsys, *args)
    assert status == 2
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"error {code}: ")
    assert count_rows(sqlite_url) == (0, 0)


def test_bad_arguments(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    base = ("--db", sqlite_url, "import", str(KZ2026), "-j", "KZ", "-v", "2026")
    assert cli(capsys, *base, "--date", "15.03.2026")[0] == 2
    assert cli(capsys, *base, "--date", "2026-03-15", "--status", "ratified")[0] == 2
    assert cli(capsys, *base, "--date", "2026-03-15", "--lang", "fr")[0] == 2
    assert count_rows(sqlite_url) == (0, 0)


@pytest.mark.parametrize("fmt", ["json", "md", "akn"])
def test_export_and_reimport_give_the_same_tree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sqlite_url: str, fmt: str
) -> None:
    from charterwatch.texts.importer import parse_file

    import_2026(capsys, sqlite_url)
    out = tmp_path / f"kz2026.{ {'json': 'json', 'md': 'md', 'akn': 'xml'}[fmt] }"
    status, _, err = cli(capsys, "--db", sqlite_url, "export", "KZ@2026", "--format", fmt, "--out", str(out))
    assert status == 0, err
    original, _ = parse_file(KZ2026, lang="ru")
    again, _ = parse_file(out, lang="ru")
    assert again.structure() == original.structure()
    status, _, err = cli(
        capsys,
        "--db",
        sqlite_url,
        "import",
        str(out),
        "-j",
        "KZ",
        "-v",
        f"2026-{fmt}",
        "--date",
        "2026-03-15",
    )
    assert status == 0, err


def test_corpus_load_is_idempotent(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    status, out, err = cli(capsys, "--db", sqlite_url, "corpus", "load")
    assert status == 0, err
    assert "9 bundled versions in the store" in out
    before = count_rows(sqlite_url)
    assert before[0] == 9
    assert cli(capsys, "--db", sqlite_url, "corpus", "load")[0] == 0
    assert count_rows(sqlite_url) == before
    status, out, _ = cli(capsys, "--db", sqlite_url, "versions")
    for ref in ("KZ@1995-ru", "KZ@1995-en", "KZ@1995-kk", "KZ@2026", "RU@1993", "RU@2020"):
        assert ref in out


def test_db_url_from_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    monkeypatch.setenv("CHARTERWATCH_DB", sqlite_url)
    status, out, _ = cli(capsys, "db", "upgrade")
    assert status == 0 and out.startswith("at revision ")
    assert cli(capsys, "db", "current")[1].strip() == out.split()[-1]


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == render(), "run `make docs`"


def test_import_prints_the_structure_report_and_stores_it(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "gapped.txt"
    path.write_text(
        "Статья 1. Первое правило.\nСтатья 2. Второе правило.\nСтатья 4. Четвёртое правило.\n",
        encoding="utf-8",
    )
    args = ("--db", sqlite_url, "import", str(path), "-j", "ZZ", "-v", "2001", "--date", "2001-01-01")
    status, out, err = cli(capsys, *args)
    assert status == 0, err
    assert "3 articles (1-4), 1 structure warning(s)" in out
    assert "warning: 1 gaps in the article numbering: 3" in out
    engine = open_store(sqlite_url)
    try:
        with session_scope(engine) as session:
            stored = json.loads(session.scalars(select(Version.structure)).one() or "{}")
    finally:
        engine.dispose()
    assert stored["report"] == "texts.structure.v2"
    assert [p["code"] for p in stored["problems"]] == ["numbering_gaps"]
