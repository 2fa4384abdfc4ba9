"""``charterwatch demo``: the sample consultation through the whole pipeline, incidents only from a given
folder, and a second run that changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charterwatch.cli.app import run
from charterwatch.consult import service
from charterwatch.consult.models import AssignmentRow, GroupRow, ProposalRow
from charterwatch.incidents.workflow.models import IncidentRow, SourceRow
from charterwatch.store.db import open_store, session_scope
from conftest import SHARED_DIR

SEEDS = SHARED_DIR / "seeds"
SECTION_II = "Section II: Man and citizen"


def counts(url: str) -> dict[str, int]:
    engine = open_store(url)
    try:
        with session_scope(engine) as session:
            return {
                table.__name__: session.scalar(select(func.count()).select_from(table)) or 0
                for table in (ProposalRow, GroupRow, AssignmentRow, SourceRow, IncidentRow)
            }
    finally:
        engine.dispose()


@pytest.fixture
def demo_url(corpus_store_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "demo.db"
    shutil.copyfile(corpus_store_file, path)
    return f"sqlite:///{path}"


def test_demo_loads_the_sample_consultation_and_is_idempotent(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", demo_url, "demo"]) == 0
    out = capsys.readouterr().out
    assert "22 unique ideas, 0 copies, 0 campaigns" in out
    assert "uptake KZ@1995-ru → KZ@2026: 9 reflected, 4 partly, 6 not_reflected, 3 unlinked" in out
    assert "Incidents: none loaded" in out
    first = counts(demo_url)
    assert first["ProposalRow"] == 22 and first["AssignmentRow"] == 22 and first["IncidentRow"] == 0
    engine = open_store(demo_url)
    try:
        with session_scope(engine) as session:
            queue = service.queue(session, SECTION_II)
            assert "sample:ru-privacy-data" in {p["id"] for p in queue}
            assert {p["status"] for p in queue} == {"assigned"}
    finally:
        engine.dispose()
    assert run(["--db", demo_url, "demo"]) == 0
    again = capsys.readouterr().out
    assert "22 unique ideas, 0 copies, 0 campaigns" in again and "9 reflected, 4 partly" in again
    assert counts(demo_url) == first  # nothing imported, grouped or routed twice


def test_demo_ingests_seed_texts_for_review_once(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed articles in {SEEDS}")
    assert run(["--db", demo_url, "demo", "--seeds", str(SEEDS)]) == 0
    sources = len([p for p in SEEDS.iterdir() if p.suffix == ".txt"])
    assert f"{sources} new sources, 0 already stored" in capsys.readouterr().out
    first = counts(demo_url)
    assert first["SourceRow"] == sources and first["IncidentRow"] > 0
    engine = open_store(demo_url)
    try:
        with session_scope(engine) as session:
            states = set(session.scalars(select(IncidentRow.review)))
    finally:
        engine.dispose()
    assert states == {"machine"}  # left for an analyst: the demo decides nothing
    assert run(["--db", demo_url, "demo", "--seeds", str(SEEDS)]) == 0
    assert f"0 new sources, {sources} already stored" in capsys.readouterr().out
    assert counts(demo_url) == first


def test_demo_refuses_a_missing_seeds_folder(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", demo_url, "demo", "--seeds", str(tmp_path / "nowhere")]) == 2
    assert "FILE_NOT_FOUND" in capsys.readouterr().err
    assert counts(demo_url)["ProposalRow"] == 0
