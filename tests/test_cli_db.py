"""``charterwatch db check``: stale stored results listed, ``--refresh`` recomputes them, ``--json``."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from charterwatch.cli.app import run
from charterwatch.rights.audit import audit_method
from charterwatch.store.db import open_store, session_scope
from charterwatch.texts.compare import comparison_method
from charterwatch.texts.compare.models import ComparisonRow
from test_compare_store import import_ru


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = run(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_lists_the_stale_comparison_and_refresh_recomputes_it(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    engine = open_store(db_url)
    try:
        import_ru(engine, "2019", "2020")
        assert cli(capsys, "--db", db_url, "diff", "RU@2019", "RU@2020", "--format", "json")[0] == 0
        assert cli(capsys, "--db", db_url, "audit", "RU@2020", "--format", "json")[0] == 0
        with session_scope(engine) as session:
            session.execute(update(ComparisonRow).values(method="texts.align.v2"))
    finally:
        engine.dispose()
    status, out, _ = cli(capsys, "--db", db_url, "db", "check")
    assert status == 0
    assert f"comparison  {comparison_method()}  1 stored, 1 stale" in out
    assert "  stale  RU@2019 -> RU@2020  texts.align.v2  (another method)" in out
    assert f"audit  {audit_method()}  1 stored, 0 stale" in out
    status, out, err = cli(capsys, "--db", db_url, "db", "check", "--refresh")
    assert status == 0 and "refreshed 1 stale result(s) in " in err
    assert f"comparison  {comparison_method()}  1 stored, 0 stale" in out
    status, out, _ = cli(capsys, "--db", db_url, "db", "check", "--json")
    statuses = {s["kind"]: s for s in json.loads(out)}
    assert statuses["comparison"] == {
        "kind": "comparison",
        "current_method": comparison_method(),
        "stored": 1,
        "refreshable": True,
        "stale": [],
    }
    assert statuses["audit"]["stored"] == 1 and statuses["audit"]["stale"] == []
