"""Uptake on a constructed case: proposals written (by us) to match real changes between KZ 1995 and 2026."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from charterwatch.consult.intake import read_proposals
from charterwatch.consult.model import Proposal, Theme
from charterwatch.consult.sample import SAMPLE_PROPOSALS
from charterwatch.consult.uptake_run import UNTHEMED, UptakeResult, by_theme, run_uptake
from charterwatch.store.db import open_store, session_scope
from charterwatch.texts.corpus import corpus_entry
from charterwatch.texts.importer import VersionInfo, import_file
from charterwatch.texts.storage import load_version, resolve_ref

FIXTURE = SAMPLE_PROPOSALS  # the package copy: the demo loads it too


@pytest.fixture(scope="module")
def kz_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('uptake') / 'charterwatch.db'}")
    for ref, label, lang in (
        ("KZ@1995-ru", "1995", "ru"),
        ("KZ@1995-en", "1995", "en"),
        ("KZ@2026-ru", "2026", "ru"),
    ):
        entry = corpus_entry(ref)
        info = VersionInfo(jurisdiction="KZ", label=label, date=entry.date, lang=lang, status=entry.status)
        import_file(engine, entry.path(), info)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def result(kz_engine: Engine) -> UptakeResult:
    return run_uptake(kz_engine, read_proposals(FIXTURE), old_ref="KZ@1995-ru", new_ref="KZ@2026", themes=[])


def expected() -> dict[str, str]:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row["expect_status"] or "unlinked" for row in rows}


def test_every_constructed_proposal_gets_the_status_its_change_calls_for(result: UptakeResult) -> None:
    got = {u.proposal_id: u.status for u in result.uptakes}
    assert got == expected()
    assert result.counts() == {"reflected": 9, "partly": 4, "not_reflected": 6, "unlinked": 3}
    languages = {p.id: p.language for p in result.proposals}
    for status in ("reflected", "partly", "not_reflected"):
        assert {languages[pid] for pid, s in got.items() if s == status} == {"ru", "en"}, status


def test_evidence_is_the_changed_words_where_they_stand(kz_engine: Engine, result: UptakeResult) -> None:
    with session_scope(kz_engine) as session:
        old = load_version(session, resolve_ref(session, "KZ@1995-ru"))
        new = load_version(session, resolve_ref(session, "KZ@2026"))
    uptake = {u.proposal_id: u for u in result.uptakes}
    privacy = uptake["ru-privacy-data"].articles[0]
    assert (privacy.old, privacy.new, privacy.kind) == (["18"], ["21"], "renumbered")
    assert {"персональный", "цифровой", "технология"} <= {w.lemma for w in privacy.toward}
    for word in uptake["ru-privacy-data"].evidence():
        assert word.side == "inserted" and word.ref == "KZ@2026" and word.article == "21"
        assert new.source_text[word.span[0] : word.span[1]] == word.text
    senate = uptake["ru-no-senate"]
    assert senate.ask == "remove"
    deleted = senate.evidence()
    assert {"сенат", "палата", "одномандатный"} <= {w.lemma for w in deleted}
    for word in deleted:
        assert word.side == "deleted" and word.ref == "KZ@1995-ru" and word.article == "50"
        assert old.source_text[word.span[0] : word.span[1]] == word.text
    english = uptake["en-one-chamber"].articles[0]
    assert english.link.ref == "KZ@1995-en" and english.old == ["50"]
    assert "сенат" in {w.lemma for w in english.toward}


def test_untouched_articles_give_no_evidence_and_full_confidence(result: UptakeResult) -> None:
    uptake = {u.proposal_id: u for u in result.uptakes}
    for pid in ("ru-court-fund", "ru-akim-elections", "en-court-fund"):
        assert uptake[pid].status == "not_reflected"
        assert uptake[pid].evidence() == []
        assert uptake[pid].confidence == 1.0
    assert uptake["ru-marriage-courts"].status == "partly"
    assert [a.status for a in uptake["ru-marriage-courts"].articles] == ["partly", "not_reflected"]
    assert 0 < uptake["ru-data-oblivion"].articles[0].coverage < 0.5


def test_counts_per_theme_and_proposals_in_no_theme(result: UptakeResult) -> None:
    proposals = result.proposals
    theme = Theme(
        "ru-senate", ["сенат", "палата"], ["ru-no-senate", "ru-senate-term", "en-one-chamber"], "test"
    )
    rows = by_theme(proposals, result.uptakes, [theme])
    assert rows[0].id == "ru-senate"
    assert rows[0].counts == {"reflected": 2, "partly": 1, "not_reflected": 0, "unlinked": 0}
    assert rows[0].examples["reflected"] == ["ru-no-senate", "en-one-chamber"]
    assert rows[1].id == UNTHEMED and rows[1].total == len(proposals) - 3
    data = json.loads(json.dumps(result.to_dict()))
    assert data["counts"]["reflected"] == 9
    assert "contact" not in data["proposals"][0]


def test_proposals_themed_without_being_given_themes(kz_engine: Engine) -> None:
    proposals = [
        Proposal(f"s{k}", text, language="ru")
        for k, text in enumerate(
            [
                "Упразднить Сенат, Парламент не должен состоять из двух Палат.",
                "Упразднить Сенат: Парламент не должен состоять из двух Палат!",
                "Упразднить Сенат, Парламент не должен состоять из двух Палат, это дорого.",
            ]
        )
    ]
    found = run_uptake(kz_engine, proposals, old_ref="KZ@1995-ru", new_ref="KZ@2026")
    assert found.uptakes[0].status == "reflected"
    assert found.themes and found.themes[0].id != UNTHEMED and found.themes[0].total == 3
