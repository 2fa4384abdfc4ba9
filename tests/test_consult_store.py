"""The consultation store on both backends: real Polis files imported as they are, idempotent re-imports,
transactions, the public form, dedup with reviewer edits, themes and the review history."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from charterwatch.audience import Audience
from charterwatch.consult import service
from charterwatch.consult.dedup import find_duplicates
from charterwatch.consult.intake import read_proposals
from charterwatch.consult.models import GroupRow, MergeRow, ProposalRow
from charterwatch.errors import CharterwatchError, E
from charterwatch.store.db import session_scope


def polis(shared_dir: Path, name: str) -> Path:
    return shared_dir / "data" / "consultations" / "polis-opendata" / name / "comments.csv"


def count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return int(session.scalar(select(func.count()).select_from(ProposalRow)) or 0)


def test_a_polis_file_imports_as_it_is_with_its_moderation_flag(engine: Engine, shared_dir: Path) -> None:
    path = polis(shared_dir, "15-per-hour-seattle")
    with path.open(encoding="utf-8") as handle:
        flags = Counter(
            int(row["moderated"]) for row in csv.DictReader(handle) if row["comment-body"].strip()
        )
    with session_scope(engine) as session:
        result = service.import_proposals(session, path, submitter_kind="citizen")
    assert (result.added, result.skipped, result.prefix) == (sum(flags.values()), 0, "15-per-hour-seattle:")
    with session_scope(engine) as session:
        stored = service.all_proposals(session)
        assert Counter(p.moderation for p in stored) == flags
        assert {p.submitter_kind for p in stored} == {"citizen"}
        accepted = service.all_proposals(session, accepted_only=True)
        assert len(accepted) == flags[1] + flags[0]
        first = read_proposals(path, id_prefix="15-per-hour-seattle:")[0]
        row = session.get(ProposalRow, first.id)
        assert row is not None and row.text == first.text and row.source_file == str(path)
        assert row.source_row == int(str(first.source).rsplit(":", 1)[1])


def test_reimport_adds_nothing(engine: Engine, shared_dir: Path) -> None:
    path = polis(shared_dir, "brexit-consensus")
    with session_scope(engine) as session:
        first = service.import_proposals(session, path)
    with session_scope(engine) as session:
        again = service.import_proposals(session, path)
    assert again.added == 0 and again.skipped == first.added == count(engine)


def test_a_bad_file_leaves_the_store_as_it_was(engine: Engine, shared_dir: Path, tmp_path: Path) -> None:
    twice = tmp_path / "twice.csv"
    twice.write_text("id,text\n1,Lower the voting age to sixteen\n1,Protect the freedom of assembly\n")
    with pytest.raises(CharterwatchError) as raised, session_scope(engine) as session:
        service.import_proposals(session, polis(shared_dir, "brexit-consensus"))
        service.import_proposals(session, twice)
    assert raised.value.code is E.CONSULT_DUPLICATE_ID
    assert count(engine) == 0  # the good file of the same transaction is rolled back too
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,text\n1,Lower the voting age to sixteen\n2,one,two,three\n")
    with pytest.raises(CharterwatchError) as raised, session_scope(engine) as session:
        service.import_proposals(session, ragged)
    assert raised.value.code is E.CONSULT_ROW_INVALID and count(engine) == 0


def test_the_public_form_keeps_the_contact_private(engine: Engine) -> None:
    text = "Прошу сохранить в статье 20 запрет цензуры и право на свободу слова"
    with session_scope(engine) as session:
        ident = service.submit_proposal(
            session, text, channel="web", submitter_kind="citizen", contact="aigerim@example.kz"
        )
    with session_scope(engine) as session:
        public = service.proposal_detail(session, ident)
        private = service.proposal_detail(session, ident, audience=Audience.STAFF)
    assert "contact" not in public and private["contact"] == "aigerim@example.kz"
    assert public["articles"] == ["20"] and public["language"] == "ru" and public["status"] == "new"
    for bad, code in [
        ({"text": "short"}, E.CONSULT_TEXT_INVALID),
        ({"text": "x" * 20_001}, E.CONSULT_TEXT_INVALID),
        ({"channel": "fax"}, E.CONSULT_FIELD_INVALID),
    ]:
        fields = {"text": text, "channel": "web"} | bad
        with pytest.raises(CharterwatchError) as raised, session_scope(engine) as session:
            service.submit_proposal(
                session, fields["text"], channel=fields["channel"], submitter_kind="citizen", contact=None
            )  # type: ignore[arg-type]
        assert raised.value.code is code
    assert count(engine) == 1


def copies_file(shared_dir: Path, tmp_path: Path) -> Path:
    """Thirty real Polis comments, three of them sent again with other case and punctuation."""
    ideas = read_proposals(polis(shared_dir, "canadian-electoral-reform"))[:30]
    rows = [p.text for p in ideas] + [ideas[2].text.upper(), ideas[5].text + "!!", ideas[5].text.lower()]
    path = tmp_path / "copies.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text"])
        writer.writerows([text] for text in rows)
    return path


def test_dedup_is_stored_and_reviewer_edits_undo_and_survive_a_rerun(
    engine: Engine, shared_dir: Path, tmp_path: Path
) -> None:
    path = copies_file(shared_dir, tmp_path)
    with session_scope(engine) as session:
        service.import_proposals(session, path)
        ids = [p.id for p in service.all_proposals(session)]
        expected = find_duplicates(service.all_proposals(session))
        result = service.run_dedup(session)
    assert str(result) == expected.summary() and result.copies == 3
    with session_scope(engine) as session:
        assert str(service.dedup_summary(session)) == expected.summary()
        groups = {g["representative"]: g for g in service.duplicate_groups(session)}
        assert sorted(len(g["members"]) for g in groups.values()) == [2, 3]
        merged = service.merge_groups(session, ids[0], ids[1], by="aigerim", reason="same idea")
        assert merged.members == ids[:2]
    with session_scope(engine) as session:
        assert (
            str(service.dedup_summary(session)) == f"{expected.ideas - 1} unique ideas, 4 copies, 0 campaigns"
        )
        log = session.scalars(select(MergeRow).where(MergeRow.by == "aigerim")).all()
        assert [(m.action, m.proposal_ids) for m in log] == [("merge", ids[1:2])]
    with session_scope(engine) as session:  # a re-run replays the reviewer's merge
        assert service.run_dedup(session).replayed == 1
        assert service.dedup_summary(session).copies == 4
    with session_scope(engine) as session:
        back = service.undo_merge(session, ids[0], by="aigerim")
        assert back.members == ids[1:2]
    with session_scope(engine) as session:
        assert str(service.dedup_summary(session)) == expected.summary()
        with pytest.raises(CharterwatchError) as raised:
            service.undo_merge(session, ids[1], by="aigerim")
        assert raised.value.code is E.CONSULT_NOTHING_TO_UNDO
    with session_scope(engine) as session:
        shouted = ids[30]  # the first copy, in capitals
        new = service.split_proposals(session, [shouted], by="aigerim", reason="shouting is another idea")
        assert new.members == [shouted]
        assert session.get(ProposalRow, shouted).group_id == new.id  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(GroupRow)) == expected.ideas + 1


def test_themes_are_stored(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        service.import_proposals(session, polis(shared_dir, "canadian-electoral-reform"))
        service.run_dedup(session)
        themes = service.run_themes(session, method="tfidf")
    assert themes
    with session_scope(engine) as session:
        stored = service.stored_themes(session)
        first = service.list_proposals(session, theme=stored[0].id, limit=1000)
    assert sorted((t.id, t.label, tuple(sorted(t.members))) for t in stored) == sorted(
        (t.id, t.label, tuple(sorted(t.members))) for t in themes
    )
    assert {p["id"] for p in first} == set(stored[0].members)


def test_reviews_are_a_history_whose_newest_is_the_status(engine: Engine, shared_dir: Path) -> None:
    with session_scope(engine) as session:
        service.import_proposals(session, polis(shared_dir, "brexit-consensus"))
        ident = service.all_proposals(session)[0].id
        service.review(session, ident, "partly", reason="taken up in article 20", reviewer="wg-2")
        with pytest.raises(CharterwatchError) as raised:
            service.review(session, ident, "rejected", reviewer="wg-2")
        assert raised.value.code is E.CONSULT_TEXT_INVALID
        service.review(session, ident, "accepted", reviewer="wg-2")
    with session_scope(engine) as session:
        assert [r.status for r in service.history(session, ident)] == ["partly", "accepted"]
        assert service.statuses(session)[ident] == "accepted"
        assert [p["id"] for p in service.list_proposals(session, status="accepted")] == [ident]
        assert service.summary(session)["statuses"]["accepted"] == 1
