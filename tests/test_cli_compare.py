"""``charterwatch diff`` and ``charterwatch eval align`` end to end, on the bundled Russian 2007 and 2008 texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from charterwatch.cli.app import run
from charterwatch.store.db import open_store, session_scope
from charterwatch.texts.compare import service
from charterwatch.texts.compare.model import Comparison, comparison_from_dict
from charterwatch.texts.compare.models import ComparisonRow
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file, parse_file

OLD, NEW = "RU@2007", "RU@2008"


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def load_ru(url: str) -> None:
    engine = open_store(url)
    try:
        for label in ("2007", "2008"):
            entry = corpus_entry(f"RU@{label}-ru")
            info = VersionInfo(
                jurisdiction="RU", label=label, date=entry.date, lang="ru", status=entry.status, work="1993"
            )
            import_file(engine, entry.path(), info)
    finally:
        engine.dispose()


@pytest.fixture
def ru_db(sqlite_url: str) -> str:
    load_ru(sqlite_url)
    return sqlite_url


def stored_rows(url: str) -> list[tuple[int, object]]:
    engine = open_store(url)
    try:
        with session_scope(engine) as session:
            return [(row.id, row.created_at) for row in session.scalars(select(ComparisonRow))]
    finally:
        engine.dispose()


def test_diff_prints_the_two_changed_articles(capsys: pytest.CaptureFixture[str], ru_db: str) -> None:
    status, out, err = cli(capsys, "--db", ru_db, "diff", OLD, NEW)
    assert status == 0, err
    assert out.startswith(f"{OLD} → {NEW}")
    assert "every old article kept its number" in out
    changed = out[out.index("Changed articles") :]
    assert [line.split("│")[1].strip() for line in changed.splitlines() if line.startswith("│")] == [
        "81",
        "96",
    ]


def test_every_format_to_a_file(capsys: pytest.CaptureFixture[str], ru_db: str, tmp_path: Path) -> None:
    outputs = {}
    for fmt in ("text", "json", "md", "html"):
        out_file = tmp_path / f"ru.{fmt}"
        status, out, err = cli(
            capsys, "--db", ru_db, "diff", OLD, NEW, "--format", fmt, "--out", str(out_file)
        )
        assert status == 0, err
        assert out.startswith(f"wrote {out_file}")
        outputs[fmt] = out_file.read_text(encoding="utf-8")
    comparison = comparison_from_dict(json.loads(outputs["json"]))
    assert [p.new for p in comparison.pairs if p.kind != "same"] == [["81"], ["96"]]
    assert "\x1b[" not in outputs["text"] and "Changed words" in outputs["text"]
    assert '<tr id="art-81" class="k-amended">' in outputs["html"]
    assert "<ins>" in outputs["md"] and "## Renumbering map" in outputs["md"]


def test_json_to_stdout_round_trips(capsys: pytest.CaptureFixture[str], ru_db: str) -> None:
    status, out, _ = cli(capsys, "--db", ru_db, "diff", OLD, NEW, "--format", "json")
    assert status == 0
    comparison = comparison_from_dict(json.loads(out))
    assert isinstance(comparison, Comparison) and comparison.old_ref == OLD and comparison.new_ref == NEW


def test_a_second_diff_reads_the_stored_comparison(
    capsys: pytest.CaptureFixture[str], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_ru(db_url)
    status, first, _ = cli(capsys, "--db", db_url, "diff", OLD, NEW, "--format", "json")
    assert status == 0
    rows = stored_rows(db_url)
    assert len(rows) == 1

    def no_aligning(*args: object, **kwargs: object) -> Comparison:
        raise AssertionError("aligned again instead of reading the store")

    monkeypatch.setattr(service, "compare", no_aligning)
    status, second, _ = cli(capsys, "--db", db_url, "diff", OLD, NEW, "--format", "json")
    assert status == 0 and second == first
    assert stored_rows(db_url) == rows
    with pytest.raises(AssertionError, match="aligned again"):
        run(["--db", db_url, "diff", OLD, NEW, "--fresh"])


@pytest.mark.parametrize(
    ("args", "status", "code"),
    [
        ((OLD, "RU@1900"), 3, "VERSION_NOT_FOUND"),
        (("RU", NEW), 2, "BAD_REF"),
        ((OLD, NEW, "--format", "pdf"), 2, "BAD_FORMAT"),
        ((OLD, NEW, "--format", "html", "--out", "/nonexistent-dir/x.html"), 2, "CANNOT_WRITE"),
    ],
)
def test_diff_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], ru_db: str, args: tuple[str, ...], status: int, code: str
) -> None:
    got, out, err = cli(capsys, "--db", ru_db, "diff", *args)
    assert got == status
    assert err.startswith(f"error {code}:") and len(err.strip().splitlines()) == 1
    assert out == ""


def test_nothing_is_stored_when_a_ref_is_unknown(capsys: pytest.CaptureFixture[str], ru_db: str) -> None:
    cli(capsys, "--db", ru_db, "diff", OLD, "RU@1900")
    assert stored_rows(ru_db) == []


def write_gold(path: Path, *, wrong_kind: str | None = None) -> Path:
    """The answer for Russia 2007 → 2008: every article kept, 81 and 96 amended."""
    parsed, _ = parse_file(corpus_entry("RU@2008-ru").path(), lang="ru")
    lines = []
    for article in parsed.articles():
        num = article.num or ""
        kind = "amended" if num in ("81", "96") or num == wrong_kind else "same"
        lines.append(json.dumps({"new": num, "old": [num], "kind": kind}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_align_scores_against_the_answer(
    capsys: pytest.CaptureFixture[str], ru_db: str, tmp_path: Path
) -> None:
    gold = write_gold(tmp_path / "gold.jsonl")
    args = ("--db", ru_db, "eval", "align", "--gold", str(gold), "--old", OLD, "--new", NEW)
    status, out, err = cli(capsys, *args)
    assert status == 0, err
    assert "precision 1.000  recall 1.000  F1 1.000  kind accuracy 1.000" in out
    assert "no disagreements" in out
    status, out, _ = cli(capsys, *args, "--json")
    score = json.loads(out)
    assert (score["f1"], score["links_gold"], score["links_correct"], score["disagreements"]) == (
        1.0,
        137,
        137,
        [],
    )


def test_eval_align_lists_disagreements(
    capsys: pytest.CaptureFixture[str], ru_db: str, tmp_path: Path
) -> None:
    gold = write_gold(tmp_path / "gold.jsonl", wrong_kind="5")
    with gold.open("a", encoding="utf-8") as lines:
        lines.write('{"old_removed": "138"}\n')
    args = ("--db", ru_db, "eval", "align", "--gold", str(gold), "--old", OLD, "--new", NEW)
    status, out, _ = cli(capsys, *args)
    assert status == 0
    assert "2 disagreements" in out and "missing" in out
    status, out, _ = cli(capsys, *args, "--json")
    assert json.loads(out)["disagreements"] == [
        {"what": "missing", "new": None, "old": "138"},
        {"what": "kind", "new": "5", "gold": "amended", "found": "same"},
    ]


@pytest.mark.parametrize(
    ("content", "code", "status"),
    [
        ('{"new": "1", "old": ["1"]}\nnot json\n', "ALIGN_GOLD_INVALID", 2),
        ('{"new": "1", "old": ["1"], "kind": "rewritten"}\n', "ALIGN_GOLD_INVALID", 2),
        ("\n", "ALIGN_GOLD_INVALID", 2),
        (None, "FILE_NOT_FOUND", 2),
    ],
)
def test_eval_align_refuses_a_bad_answer_file(
    capsys: pytest.CaptureFixture[str],
    ru_db: str,
    tmp_path: Path,
    content: str | None,
    code: str,
    status: int,
) -> None:
    gold = tmp_path / "gold.jsonl"
    if content is not None:
        gold.write_text(content, encoding="utf-8")
    got, _, err = cli(capsys, "--db", ru_db, "eval", "align", "--gold", str(gold), "--old", OLD, "--new", NEW)
    assert (got, err.split(":")[0]) == (status, f"error {code}")
    assert stored_rows(ru_db) == []


def test_the_command_offers_every_report_format() -> None:
    from charterwatch.cli import compare as cli_compare
    from charterwatch.texts.compare import report

    assert cli_compare.REPORT_FORMATS == report.REPORT_FORMATS
