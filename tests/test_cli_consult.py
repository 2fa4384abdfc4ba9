"""``charterwatch consult ...`` end to end on a real Polis file and the bundled KZ 1995 text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charterwatch.cli.app import run
from charterwatch.store.db import open_store
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_consult_commands_end_to_end(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, shared_dir: Path, tmp_path: Path
) -> None:
    polis = shared_dir / "data" / "consultations" / "polis-opendata" / "brexit-consensus" / "comments.csv"
    bad = tmp_path / "bad.txt"
    bad.write_text("not a table")
    db = ("--db", sqlite_url, "consult")
    status, out, err = cli(capsys, *db, "import", str(polis), str(bad), "--submitter-kind", "citizen")
    assert status == 2 and err.startswith("error CONSULT_FORMAT") and "50 added, 0 already stored" in out
    status, out, _ = cli(capsys, *db, "import", str(polis))
    assert status == 0 and "0 added, 50 already stored" in out
    status, out, _ = cli(capsys, *db, "dedup")
    assert status == 0 and out.strip().endswith("campaigns")

    entry = corpus_entry("KZ@1995-en")
    info = VersionInfo(jurisdiction="KZ", label="1995", date=entry.date, lang="en", status=entry.status)
    engine = open_store(sqlite_url)
    import_file(engine, entry.path(), info)
    engine.dispose()
    status, out, _ = cli(capsys, *db, "groups", "load")
    assert status == 0 and out.startswith("9 working groups loaded")
    status, out, err = cli(capsys, *db, "route", "--version", "KZ@1995")
    assert status == 0, err
    assert "50 routed" in out

    status, out, _ = cli(capsys, *db, "assign", "brexit-consensus:0", "Section II: Man and citizen")
    assert status == 0
    status, _, err = cli(capsys, *db, "review", "brexit-consensus:0", "rejected")
    assert status == 2 and "CONSULT_TEXT_INVALID" in err
    status, _, _ = cli(
        capsys, *db, "review", "brexit-consensus:0", "rejected", "--reason", "not constitutional"
    )
    assert status == 0
    status, out, _ = cli(capsys, *db, "show", "brexit-consensus:0")
    shown = json.loads(out)
    assert shown["status"] == "rejected" and shown["assignments"][-1]["how"] == "override"
    status, out, _ = cli(capsys, *db, "list", "--status", "rejected", "--json")
    assert [p["id"] for p in json.loads(out)] == ["brexit-consensus:0"]
    status, out, _ = cli(capsys, *db, "summary")
    summary = json.loads(out)
    assert summary["proposals"] == 50 and summary["statuses"]["rejected"] == 1
    assert sum(summary["working_groups"].values()) == 50
    status, _, err = cli(capsys, *db, "assign", "brexit-consensus:0", "No such group")
    assert status == 3 and "CONSULT_GROUP_NOT_FOUND" in err
    status, _, err = cli(capsys, *db, "show", "nope")
    assert status == 2 and "CONSULT_UNKNOWN_ID" in err
