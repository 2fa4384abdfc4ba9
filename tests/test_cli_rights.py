"""``charterwatch audit`` end to end on a store holding KZ 1995 (Russian) and KZ 2026."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charterwatch.cli.app import run
from charterwatch.store.db import open_store, session_scope
from charterwatch.texts.compare.models import ComparisonRow
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file


@pytest.fixture(scope="module")
def kz_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'charterwatch.db'}"
    engine = open_store(url)
    try:
        for ref, label, work in (("KZ@1995-ru", "1995", "1995"), ("KZ@2026-ru", "2026", "2026")):
            entry = corpus_entry(ref)
            info = VersionInfo(
                jurisdiction="KZ", label=label, date=entry.date, lang="ru", status=entry.status, work=work
            )
            import_file(engine, entry.path(), info)
    finally:
        engine.dispose()
    return url


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def comparisons(url: str) -> int:
    engine = open_store(url)
    try:
        with session_scope(engine) as session:
            return int(session.scalar(select(func.count()).select_from(ComparisonRow)) or 0)
    finally:
        engine.dispose()


def test_audit_against_an_older_version_writes_each_format(
    capsys: pytest.CaptureFixture[str], kz_db: str, tmp_path: Path
) -> None:
    for fmt, check in (
        (
            "html",
            lambda data: data.startswith(b"<!DOCTYPE html>") and b"Changes since KZ@1995" in data,
        ),
        ("docx", lambda data: data[:2] == b"PK"),
    ):
        out = tmp_path / f"report.{fmt}"
        status, stdout, err = cli(
            capsys, "--db", kz_db, "audit", "KZ@2026", "--against", "KZ@1995", "-f", fmt, "-o", str(out)
        )
        assert status == 0, err
        assert stdout.startswith(f"wrote {out}")
        assert check(out.read_bytes()), fmt
    assert comparisons(kz_db) == 1  # compared once, then reused


def test_the_docx_opinion_is_signed_by_the_author_option_or_setting(
    capsys: pytest.CaptureFixture[str], kz_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    out = tmp_path / "opinion.docx"
    monkeypatch.setenv("CHARTERWATCH_AUTHOR", "Office of the Ombudsperson")
    status, _, err = cli(capsys, "--db", kz_db, "audit", "KZ@1995", "-f", "docx", "-o", str(out))
    assert status == 0, err
    assert docx.Document(str(out)).core_properties.author == "Office of the Ombudsperson"
    status, _, err = cli(
        capsys, "--db", kz_db, "audit", "KZ@1995", "-f", "docx", "-o", str(out), "--author", "Dr. A. Jurist"
    )
    assert status == 0, err
    assert docx.Document(str(out)).core_properties.author == "Dr. A. Jurist"


def test_audit_as_json_on_stdout(capsys: pytest.CaptureFixture[str], kz_db: str) -> None:
    status, out, err = cli(
        capsys, "--db", kz_db, "audit", "KZ@2026", "--against", "KZ@1995", "--format", "json"
    )
    assert status == 0, err
    data = json.loads(out)
    assert data["audit"]["version"] == "KZ@2026"
    concerns = {c["id"]: c["status"] for c in data["concerns"]}
    assert concerns["treaty_precedence_removed"] == "supported"


def test_audit_alone_in_markdown(capsys: pytest.CaptureFixture[str], kz_db: str) -> None:
    status, out, err = cli(capsys, "--db", kz_db, "audit", "KZ@1995", "--title", "Kazakhstan 1995")
    assert status == 0, err
    assert out.startswith("# Rights audit: Kazakhstan 1995\n") and "## Changes since" not in out


@pytest.mark.parametrize(
    ("argv", "code", "status"),
    [
        (["audit", "KZ@2099"], "VERSION_NOT_FOUND", 3),
        (["audit", "KZ@2026", "--against", "RU@2020"], "VERSION_NOT_FOUND", 3),
        (["audit", "KZ@2026", "--format", "pdf"], "BAD_FORMAT", 2),
        (["audit", "KZ@2026", "--out", "/nonexistent/dir/report.md"], "CANNOT_WRITE", 2),
    ],
)
def test_audit_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], kz_db: str, argv: list[str], code: str, status: int
) -> None:
    got, out, err = cli(capsys, "--db", kz_db, *argv)
    assert got == status
    assert err.startswith(f"error {code}:") and err.count("\n") == 1
    assert out == ""


def test_eval_audit_scores_the_gold_from_the_bundled_corpus_or_a_folder(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    gold = shared_dir / "gold" / "rights_kz1995.jsonl"
    assert run(["eval", "audit", "--gold", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "kz-1995-en-as-of-2022.txt" in out and "kz-1995-ru-as-of-2023.txt" in out
    folder = shared_dir / "data" / "constitutions"
    assert run(["eval", "audit", "--gold", str(gold), "--texts", str(folder), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["all"]["precision"] >= 0.9 and scores["all"]["recall"] >= 0.9


def test_eval_audit_refuses_a_bad_gold_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    assert run(["eval", "audit", "--gold", str(gold)]) == 2
    assert capsys.readouterr().err.startswith("error ")
