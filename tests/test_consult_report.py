"""The public report and the uptake/report commands, on the constructed KZ 1995 → 2026 proposals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from charterwatch.cli.app import run
from charterwatch.consult.model import Proposal
from charterwatch.consult.report import render_markdown, report_context
from charterwatch.consult.report_html import render_html
from charterwatch.consult.sample import SAMPLE_PROPOSALS
from charterwatch.consult.uptake import Uptake
from charterwatch.consult.uptake_run import ThemeUptake, UptakeResult
from charterwatch.store.db import open_store
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file

FIXTURE = SAMPLE_PROPOSALS  # the package copy: the demo loads it too
EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "consult"


@pytest.fixture(scope="module")
def kz_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'charterwatch.db'}"
    engine = open_store(url)
    for ref, label, lang in (
        ("KZ@1995-ru", "1995", "ru"),
        ("KZ@1995-en", "1995", "en"),
        ("KZ@2026-ru", "2026", "ru"),
    ):
        entry = corpus_entry(ref)
        info = VersionInfo(jurisdiction="KZ", label=label, date=entry.date, lang=lang, status=entry.status)
        import_file(engine, entry.path(), info)
    engine.dispose()
    return url


def test_report_commands_write_the_committed_example(kz_db: str, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        out = tmp_path / f"report.{fmt}"
        args = ["--db", kz_db, "consult", "report", "--from", "KZ@1995-ru", "--to", "KZ@2026"]
        assert run([*args, "--proposals", str(FIXTURE), "--format", fmt, "--out", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert text == (EXAMPLE / f"kz-1995-2026-uptake.{fmt}").read_text(encoding="utf-8")
        assert "| reflected | 9 |" in text or '<td class="n">9</td>' in text
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)\b|https?://", html)  # self-contained
    assert "+персональных" in html and "Сената" in html  # evidence words


def test_uptake_command_prints_json_verdicts(kz_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", kz_db, "consult", "uptake", "--from", "KZ@1995-ru", "--to", "KZ@2026"]
    assert run([*args, "--proposals", str(FIXTURE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    verdicts = {p["id"]: p["uptake"]["status"] for p in data["proposals"]}
    assert verdicts["ru-court-fund"] == "not_reflected" and verdicts["en-one-chamber"] == "reflected"


def test_a_missing_draft_is_one_line_and_exit_3(kz_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", kz_db, "consult", "uptake", "--from", "KZ@1990", "--to", "KZ@2026"]
    assert run([*args, "--proposals", str(FIXTURE)]) == 3
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_everything_a_citizen_wrote_is_escaped_and_no_contact_is_shown() -> None:
    evil = '<script>alert("x")</script> | & "quotes"'
    proposal = Proposal("p<1>", evil, language="en", contact="someone@example.org")
    uptake = Uptake("p<1>", "unlinked", 0.0, "add", [])
    theme = ThemeUptake("t", "<b>label</b>", [], {"unlinked": 1}, {"unlinked": ["p<1>"]})
    counts = {"reflected": 0, "partly": 0, "not_reflected": 0, "unlinked": 1}
    theme.counts = counts
    context = report_context(UptakeResult("KZ@1995-ru", "KZ@2026", [proposal], [uptake], [theme]))
    html = render_html(context)
    markdown = render_markdown(context)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>label" not in html
    assert "<script>" not in markdown and "\\|" in markdown
    assert "someone@example.org" not in html + markdown + json.dumps(context)
